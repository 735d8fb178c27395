//! The library's front door: [`convert`] for one conversion, [`Engine`] for many.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, Warned};
use crate::font::{self, FontSet, GivenFace, Role};
use crate::read::Kind;
use crate::{Format, Input, Options, flags, load_with, render};

/// Converts `source` (Markdown or plain text, by `kind`) to `format`, with the warnings the
/// conversion produced. Relative paths in the source (images, front-matter fonts) start at the
/// current folder.
///
/// Each call loads the fonts of `options` anew; an [`Engine`] keeps them.
pub fn convert(
    source: &str,
    kind: Kind,
    format: Format,
    options: &Options,
) -> Result<Warned<Vec<u8>>, Error> {
    Engine::new(options.clone())?.convert(source, kind, format)
}

/// A converter that keeps what is costly to load between conversions: the fonts given as files
/// ([`Options::fonts`]) or bytes ([`Engine::add_font`]), parsed once, and the font folders and
/// the system's fonts, scanned once per process when the engine is made.
///
/// `Send + Sync`: one engine can serve several threads.
///
/// ```
/// use cjkpress::{Engine, Format, Options, Source};
///
/// let engine = Engine::new(Options { no_system_fonts: true, ..Options::default() })?;
/// for format in Format::ALL {
///     let out = engine.convert("正文。", Source::Plain, format)?;
///     assert!(!out.value.is_empty());
/// }
/// # Ok::<(), cjkpress::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Engine {
    options: Options,
    /// Faces from bytes, in the order given, in front of the options' font files.
    faces: Vec<GivenFace>,
    /// Where the sources' relative paths start.
    folder: PathBuf,
}

impl Engine {
    /// An engine converting with `options`: its font files are parsed and its font folders (and,
    /// unless [`Options::no_system_fonts`], the system's fonts) scanned now, so that a bad font
    /// file fails here and no conversion pays for the scan.
    pub fn new(options: Options) -> Result<Engine, Error> {
        FontSet::load(&options.fonts, &mut Vec::new())?;
        font::scan(&options.font_dirs, !options.no_system_fonts);
        Ok(Engine {
            options,
            faces: Vec::new(),
            folder: PathBuf::from("."),
        })
    }

    /// Adds face `index` of font bytes (TTF, OTF or TTC) for `role`, or for every role's
    /// fallback chain with `None`; `name` stands for the font in messages and reports. Faces
    /// added here come after [`Options::fonts`] and before the front matter's.
    pub fn add_font(
        &mut self,
        bytes: impl Into<Arc<[u8]>>,
        index: u32,
        name: &str,
        role: Option<Role>,
    ) -> Result<&mut Engine, Error> {
        self.faces.push(GivenFace::parse(bytes, index, name, role)?);
        Ok(self)
    }

    /// Sets the folder where the sources' relative paths (images, front-matter fonts) start;
    /// the current folder by default.
    pub fn set_folder(&mut self, folder: impl Into<PathBuf>) -> &mut Engine {
        self.folder = folder.into();
        self
    }

    /// The options the engine converts with.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Converts `source` (Markdown or plain text, by `kind`) to `format`.
    pub fn convert(
        &self,
        source: &str,
        kind: Kind,
        format: Format,
    ) -> Result<Warned<Vec<u8>>, Error> {
        let input = Input::Bytes {
            bytes: source.as_bytes(),
            folder: &self.folder,
        };
        let options = Options {
            from: Some(kind),
            ..self.options.clone()
        };
        self.run(&input, &options, format)
    }

    /// Converts a source file to `format`: its extension picks the reader unless
    /// [`Options::from`] does, its folder is where its relative paths start, and its date is
    /// the outputs' date unless [`Options::epoch`] gives one.
    pub fn convert_file(&self, path: &Path, format: Format) -> Result<Warned<Vec<u8>>, Error> {
        self.run(&Input::File(path), &self.options, format)
    }

    fn run(
        &self,
        input: &Input,
        options: &Options,
        format: Format,
    ) -> Result<Warned<Vec<u8>>, Error> {
        let prepared = load_with(input, options, &self.faces)?;
        let mut warnings = prepared.warnings;
        warnings.extend(flags::ignored(&prepared.value, options, &[format]));
        let out = render(&prepared.value, format, options)?;
        warnings.extend(out.warnings);
        Ok(Warned {
            value: out.value,
            warnings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> Options {
        Options {
            no_system_fonts: true,
            epoch: Some(0),
            ..Options::default()
        }
    }

    #[test]
    fn engine_is_send_and_sync() {
        fn shared<T: Send + Sync>() {}
        shared::<Engine>();
    }

    #[test]
    fn engine_gives_the_bytes_convert_gives() {
        let engine = Engine::new(options()).unwrap();
        for format in Format::ALL {
            let once = convert("# 标题\n\n正文。", Kind::Markdown, format, &options()).unwrap();
            let again = engine
                .convert("# 标题\n\n正文。", Kind::Markdown, format)
                .unwrap();
            assert_eq!(once.value, again.value, "{format}");
        }
    }

    #[test]
    fn font_bytes_serve_their_role() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/DejaVuSansMono.ttf");
        let bytes = std::fs::read(path).unwrap();
        let mut engine = Engine::new(options()).unwrap();
        let html = |engine: &Engine| {
            let out = engine
                .convert("Hello 正文。", Kind::Plain, Format::Html)
                .unwrap();
            String::from_utf8(out.value).unwrap()
        };
        // Noto Serif SC draws Latin too, so the monospace face is in no page that has no code
        // until it is given for the body.
        assert!(!html(&engine).contains("DejaVu"));
        engine
            .add_font(bytes, 0, "given.ttf", Some(Role::Body))
            .unwrap();
        assert!(html(&engine).contains("DejaVu"));
    }

    #[test]
    fn bad_font_bytes_are_an_error_naming_them() {
        let mut engine = Engine::new(options()).unwrap();
        let e = engine
            .add_font(b"not a font".to_vec(), 0, "broken.ttf", None)
            .unwrap_err();
        assert!(e.to_string().contains("broken.ttf"), "{e}");
    }
}
