//! CJK line breaking, justification and pagination for the PDF writer (no PDF types here).
