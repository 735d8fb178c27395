//! Converts one Chinese Markdown string to PDF, DOCX, EPUB and HTML in memory, with one engine
//! that loads the fonts once, and prints each output's size.
//!
//! `cargo run --example all_formats`

use cjkpress::{Engine, Format, Level, Options, Source};

const TEXT: &str = "---
title: 春晓
author: 孟浩然
---

# 春晓

春眠不觉晓，处处闻啼鸟。

夜来风雨声，花落知多少。
";

fn main() -> Result<(), cjkpress::Error> {
    let engine = Engine::new(Options {
        // The bundled faces only, so the output is the same on every machine.
        no_system_fonts: true,
        ..Options::default()
    })?;
    for format in Format::ALL {
        let out = engine.convert(TEXT, Source::Markdown, format)?;
        // `Info` notes (which face serves each role) are what a `-v` run would show.
        for warning in out.warnings.iter().filter(|w| w.level == Level::Warn) {
            eprintln!("warning: {format}: {warning}");
        }
        println!("{format}: {} bytes", out.value.len());
    }
    Ok(())
}
