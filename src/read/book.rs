//! One book from many sources (`cjkpress ch1.md ch2.md -o book.epub`, or a `files` list in the
//! folder's `cjkpress.toml`): each source, read on its own, becomes a chapter of one document, so
//! every writer sees one model with one contents.
//!
//! A chapter's heading is its title (front matter, or a plain text's first line) with its own
//! headings one level below, else its first heading, else its file's name. Each chapter's ids
//! take the prefix `chN-`, so two chapters may both have a `# 引言` or a `[^1]`; its notes follow
//! the notes of the chapters before it, numbered on through the book.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::model::{Attr, Block, Document, Inline, visit_blocks_mut, visit_inline_lists_mut};

/// The key of a `cjkpress.toml` that lists a book's chapters, in order.
pub const FILES_KEY: &str = "files";

/// The chapters `folder`'s `cjkpress.toml` lists (`files = ["ch1.md", "ch2.md"]`), as paths
/// from the folder; `None` when there is no such file or it lists none. Files outside the
/// folder are refused unless `allow_outside` (`--allow-outside`), as a document's images are.
pub fn listed(folder: &Path, allow_outside: bool) -> Result<Option<Vec<PathBuf>>, Error> {
    let path = folder.join(crate::style::settings::FILE_NAME);
    if !path.is_file() {
        return Ok(None);
    }
    let shown = path.display();
    let bad = |why: &str| Error::Setting(format!("{shown}: {why}"));
    // Its other keys are settings, which `style::settings` reads and reports on.
    let bytes = crate::resources::read_capped(&path, 64 << 10)
        .map_err(|e| bad(&format!("cannot read ({e})")))?;
    let text = String::from_utf8(bytes).map_err(|_| bad("not UTF-8 text"))?;
    let table: toml::Table = toml::from_str(&text).map_err(|e| bad(e.message()))?;
    let Some(files) = table.get(FILES_KEY) else {
        return Ok(None);
    };
    let list = files
        .as_array()
        .ok_or_else(|| bad("`files` is a list of file names (`files = [\"ch1.md\"]`)"))?;
    let mut paths = Vec::new();
    for file in list {
        let name = file
            .as_str()
            .ok_or_else(|| bad("`files` holds file names, in quotes"))?;
        if let Some(why) =
            crate::resources::outside(folder, Path::new(name)).filter(|_| !allow_outside)
        {
            return Err(bad(&format!("`{name}` {why}")));
        }
        paths.push(folder.join(name));
    }
    Ok((!paths.is_empty()).then_some(paths))
}

/// A source read on its own, before it joins the book.
pub struct Chapter {
    /// The file it was read from: its name links chapters and names an untitled chapter.
    pub path: PathBuf,
    /// The source's document.
    pub doc: Document,
}

/// Joins `chapters` into one document, in order. The book's metadata is the first chapter's
/// without its title and subtitle (which head that chapter); the book's title comes from
/// outside (`-M title=…`, `--metadata-file`).
pub fn merge(chapters: Vec<Chapter>) -> Document {
    let names: Vec<String> = chapters.iter().map(|c| file_name(&c.path)).collect();
    let mut book = Document::default();
    for (n, chapter) in chapters.into_iter().enumerate() {
        let Chapter { path, mut doc } = chapter;
        let prefix = format!("ch{}-", n + 1);
        if n == 0 {
            book.meta = doc.meta.clone();
            book.meta.title.clear();
            book.meta.subtitle = None;
        }
        let offset = book.notes.len();
        visit_blocks_mut(&mut doc, &mut |b| {
            if let Some(attr) = attr_mut(b).filter(|a| !a.id.is_empty()) {
                attr.id.insert_str(0, &prefix);
            }
        });
        head(&mut doc, &path, n + 1);
        let renamed = move_resources(&mut doc, &mut book, &prefix);
        visit_inline_lists_mut(&mut doc, &mut |list| {
            for inline in list {
                match inline {
                    Inline::NoteRef { index } => *index += offset,
                    Inline::Link { url, .. } => *url = link(url, &prefix, &names),
                    Inline::Image { src, .. } => {
                        if let Some(key) = renamed.iter().find(|(old, _)| old == src) {
                            src.clone_from(&key.1);
                        }
                    }
                    _ => {}
                }
            }
        });
        book.blocks.append(&mut doc.blocks);
        book.notes.append(&mut doc.notes);
    }
    book
}

/// Gives the chapter its heading: a level-1 heading from its title, with its own headings moved
/// below it; else its first heading, its headings moved up so that the highest is level 1; else
/// a heading from its file's name.
fn head(doc: &mut Document, path: &Path, number: usize) {
    let highest = highest_level(doc);
    let title = std::mem::take(&mut doc.meta.title);
    let title = title.trim();
    let (shift, heading) = match highest {
        _ if !title.is_empty() => (highest.map_or(0, |h| 2 - i16::from(h)).max(0), Some(title)),
        Some(h) => (1 - i16::from(h), None),
        None => (0, None),
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = heading
        .map(str::to_string)
        .or((highest.is_none()).then_some(stem));
    visit_blocks_mut(doc, &mut |b| match b {
        Block::Heading { level, .. } => *level = shifted(*level, shift, 1, 6),
        // A run-in lead is level 2 to 4 (`Block::RunIn`).
        Block::RunIn { level, .. } => *level = shifted(*level, shift, 2, 4),
        _ => {}
    });
    if let Some(text) = text {
        let at = doc.before_title();
        doc.blocks.insert(
            at,
            Block::Heading {
                level: 1,
                attr: Attr::id(format!("ch{number}")),
                inlines: vec![Inline::Text(text)],
            },
        );
    }
}

/// The highest (smallest) heading level of the document's body, if it has a heading.
fn highest_level(doc: &Document) -> Option<u8> {
    doc.blocks
        .iter()
        .filter_map(Block::heading)
        .map(|(level, _, _)| level)
        .min()
}

fn shifted(level: u8, shift: i16, lowest: u8, deepest: u8) -> u8 {
    let moved = (i16::from(level) + shift).clamp(i16::from(lowest), i16::from(deepest));
    u8::try_from(moved).unwrap_or(lowest)
}

/// The attribute of a block that carries one.
fn attr_mut(block: &mut Block) -> Option<&mut Attr> {
    match block {
        Block::Heading { attr, .. }
        | Block::RunIn { attr, .. }
        | Block::BlockQuote { attr, .. }
        | Block::List { attr, .. }
        | Block::Table { attr, .. }
        | Block::CodeBlock { attr, .. }
        | Block::Official { attr, .. } => Some(attr),
        _ => None,
    }
}

/// A link's target in the book: `#x` within the chapter becomes `#chN-x`; `other.md#x` (or
/// `other.md`) naming another chapter's file becomes `#chM-x` (or `#chM`, its heading).
fn link(url: &str, prefix: &str, names: &[String]) -> String {
    if let Some(fragment) = url.strip_prefix('#') {
        return format!("#{prefix}{fragment}");
    }
    let (file, fragment) = url
        .split_once('#')
        .map_or((url, None), |(f, x)| (f, Some(x)));
    let file = file.strip_prefix("./").unwrap_or(file);
    match names.iter().position(|n| n == file) {
        Some(m) => match fragment {
            Some(x) if !x.is_empty() => format!("#ch{}-{x}", m + 1),
            _ => format!("#ch{}", m + 1),
        },
        None => url.to_string(),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Moves the chapter's images into the book. Two chapters in different folders may name
/// different images by one relative path: the later one's key takes the chapter's prefix.
/// Returns the keys renamed, (old, new).
fn move_resources(doc: &mut Document, book: &mut Document, prefix: &str) -> Vec<(String, String)> {
    let mut renamed = Vec::new();
    for (key, resource) in std::mem::take(&mut doc.resources) {
        match book.resources.get(&key) {
            Some(held) if *held != resource => {
                let new = format!("{prefix}{key}");
                book.resources.insert(new.clone(), resource);
                renamed.push((key, new));
            }
            _ => {
                book.resources.insert(key, resource);
            }
        }
    }
    renamed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Note;

    fn chapter(path: &str, title: &str, blocks: Vec<Block>, notes: Vec<Note>) -> Chapter {
        let mut doc = Document {
            blocks,
            notes,
            ..Document::default()
        };
        doc.meta.title = title.into();
        Chapter {
            path: path.into(),
            doc,
        }
    }

    fn heading(level: u8, id: &str, text: &str) -> Block {
        Block::Heading {
            level,
            attr: Attr::id(id),
            inlines: vec![Inline::Text(text.into())],
        }
    }

    fn para(inlines: Vec<Inline>) -> Block {
        Block::Paragraph { inlines }
    }

    fn note(label: &str, text: &str) -> Note {
        Note {
            label: label.into(),
            blocks: vec![para(vec![Inline::Text(text.into())])],
        }
    }

    fn headings(doc: &Document) -> Vec<(u8, String, String)> {
        doc.blocks
            .iter()
            .filter_map(Block::heading)
            .map(|(l, id, i)| (l, id.to_string(), crate::model::plain_text(i)))
            .collect()
    }

    #[test]
    fn each_file_is_a_chapter_with_its_ids_and_notes_apart() {
        let one = chapter(
            "a/ch1.md",
            "",
            vec![
                heading(1, "引言", "引言"),
                para(vec![
                    Inline::NoteRef { index: 0 },
                    Inline::Link {
                        url: "#引言".into(),
                        inlines: vec![],
                    },
                ]),
            ],
            vec![note("1", "甲注")],
        );
        let two = chapter(
            "a/ch2.md",
            "第二章",
            vec![
                heading(1, "引言", "引言"),
                para(vec![
                    Inline::NoteRef { index: 0 },
                    Inline::Link {
                        url: "ch1.md#引言".into(),
                        inlines: vec![],
                    },
                ]),
            ],
            vec![note("1", "乙注")],
        );
        let three = chapter("a/第三章.txt", "", vec![para(vec![])], vec![]);
        let book = merge(vec![one, two, three]);
        assert_eq!(
            headings(&book),
            [
                (1, "ch1-引言".into(), "引言".into()),
                (1, "ch2".into(), "第二章".into()),
                (2, "ch2-引言".into(), "引言".into()),
                (1, "ch3".into(), "第三章".into()),
            ]
        );
        assert_eq!(book.notes.len(), 2);
        let refs: Vec<(usize, String)> = book
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph { inlines } => match &inlines[..] {
                    [Inline::NoteRef { index }, Inline::Link { url, .. }] => {
                        Some((*index, url.clone()))
                    }
                    _ => None,
                },
                _ => None,
            })
            .collect();
        assert_eq!(refs, [(0, "#ch1-引言".into()), (1, "#ch1-引言".into())]);
        assert_eq!(book.meta.title, "");
    }

    #[test]
    fn a_later_chapter_keeps_its_own_image_of_the_same_name() {
        let image = |byte| crate::model::Resource {
            mime: "image/png",
            data: vec![byte],
            width: 1,
            height: 1,
        };
        let pic = || {
            para(vec![Inline::Image {
                src: "pic.png".into(),
                alt: String::new(),
            }])
        };
        let mut one = chapter("a/x.md", "一", vec![pic()], vec![]);
        one.doc.resources.insert("pic.png".into(), image(1));
        let mut two = chapter("b/y.md", "二", vec![pic()], vec![]);
        two.doc.resources.insert("pic.png".into(), image(2));
        let book = merge(vec![one, two]);
        assert_eq!(book.resources["pic.png"].data, [1]);
        assert_eq!(book.resources["ch2-pic.png"].data, [2]);
        assert!(matches!(
            &book.blocks[3],
            Block::Paragraph { inlines } if matches!(&inlines[0], Inline::Image { src, .. } if src == "ch2-pic.png")
        ));
    }
}
