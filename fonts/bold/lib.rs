//! Noto Serif SC Bold 2.003 (TrueType outlines), the bold face cjkpress bundles; SIL Open Font
//! License 1.1 (`OFL.txt`). Where it comes from: `../README.md` in the cjkpress repository.

#![no_std]

/// The font file's bytes.
pub static BOLD: &[u8] = include_bytes!("NotoSerifSC_700Bold.ttf");
