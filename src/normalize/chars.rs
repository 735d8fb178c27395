//! Characters no output may carry: what XML 1.0 §2.2 does not allow as a `Char` (C0 controls
//! other than tab and newline, U+FFFE, U+FFFF) and what HTML reports as a parse error (C1
//! controls and noncharacters, WHATWG HTML §13.2.5 "control-character-in-input-stream",
//! "noncharacter-in-input-stream"). They are removed once, from the source text (with the line
//! and column of each) and from the model (for those made by escapes such as YAML's `"\f"`).

use crate::error::Warning;
use crate::model::{Document, visit_strings_mut};

/// How many removed characters are named one by one before the rest are only counted.
const NAMED: usize = 5;

/// Whether `c` may stand in every output.
pub fn allowed(c: char) -> bool {
    match c {
        '\t' | '\n' => true,
        '\0'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{FDD0}'..='\u{FDEF}' => false,
        // U+FFFE, U+FFFF and their copies at the end of every plane are noncharacters.
        _ => (c as u32) & 0xFFFE != 0xFFFE,
    }
}

/// The source text without the characters `allowed` refuses; each removal is a warning naming
/// its line and column (1-based, in characters).
pub fn source(text: &str, warnings: &mut Vec<Warning>) -> String {
    if text.chars().all(allowed) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut removed = 0usize;
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        for (col, c) in line.chars().enumerate() {
            if allowed(c) {
                out.push(c);
                continue;
            }
            removed += 1;
            if removed <= NAMED {
                warnings.push(Warning::warn(format!(
                    "line {}, column {}: removed U+{:04X}, a character XML and HTML do not allow",
                    n + 1,
                    col + 1,
                    c as u32
                )));
            }
        }
    }
    if removed > NAMED {
        warnings.push(Warning::warn(format!(
            "removed {} more characters XML and HTML do not allow",
            removed - NAMED
        )));
    }
    out
}

/// Removes the characters `allowed` refuses from every string of the model (those an escape
/// made: YAML `"\x0c"`, an HTML character reference); says how many.
pub fn model(doc: &mut Document, warnings: &mut Vec<Warning>) {
    let mut removed = 0usize;
    visit_strings_mut(doc, &mut |s| {
        if !s.chars().all(allowed) {
            let before = s.chars().count();
            s.retain(allowed);
            removed += before - s.chars().count();
        }
    });
    if removed > 0 {
        warnings.push(Warning::warn(format!(
            "removed {removed} characters XML and HTML do not allow, written as escapes"
        )));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_noncharacters_are_refused() {
        for c in [
            '\0', '\x0c', '\x1b', '\r', '\u{7f}', '\u{85}', '\u{fffe}', '\u{ffff}',
        ] {
            assert!(!allowed(c), "U+{:04X}", c as u32);
        }
        assert!(!allowed('\u{1fffe}') && !allowed('\u{fdd0}'));
        for c in ['\t', '\n', ' ', '中', '\u{fffd}', '\u{20000}', '\u{e000}'] {
            assert!(allowed(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn source_removals_name_line_and_column() {
        let mut w = Vec::new();
        assert_eq!(source("标题\n正\x0c文\u{ffff}", &mut w), "标题\n正文");
        let msgs: Vec<_> = w.iter().map(|w| w.message.as_str()).collect();
        assert!(
            msgs[0].starts_with("line 2, column 2: removed U+000C"),
            "{msgs:?}"
        );
        assert!(
            msgs[1].starts_with("line 2, column 4: removed U+FFFF"),
            "{msgs:?}"
        );
    }
}
