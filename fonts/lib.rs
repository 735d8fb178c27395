//! The faces cjkpress carries inside its binary, so that it draws Chinese, and code in a
//! monospaced face, on a machine without fonts. What they are, their versions, checksums and
//! licences: `README.md`.

#![no_std]

/// Noto Serif SC Regular 2.003 (TrueType outlines; SIL Open Font License 1.1).
pub static REGULAR: &[u8] = include_bytes!("NotoSerifSC_400Regular.ttf");

/// Noto Serif SC Bold 2.003 (TrueType outlines; SIL Open Font License 1.1).
pub use cjkpress_fonts_bold::BOLD;

/// DejaVu Sans Mono 2.37 (the Bitstream Vera licence with the Arev addition).
pub static MONO: &[u8] = include_bytes!("DejaVuSansMono.ttf");
