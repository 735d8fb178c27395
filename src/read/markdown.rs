//! Markdown: CommonMark + GFM tables, footnotes, strikethrough, task lists, and a YAML front
//! matter block for metadata, via pulldown-cmark. Its event stream is turned into our tree here;
//! its events are not our model.

use std::collections::BTreeMap;

use pulldown_cmark::{
    Alignment, CodeBlockKind, Event, HeadingLevel, MetadataBlockKind, Options, Parser, Tag,
};
use yaml_rust2::parser::{Event as YamlEvent, Parser as YamlParser};
use yaml_rust2::yaml::Hash;
use yaml_rust2::{Yaml, YamlLoader};

use crate::error::{Error, Warning};
use crate::model::{
    Align, Attr, Block, Document, IdMaker, Inline, ListItem, Metadata, Note, plain_text,
};
use crate::read::gongwen::{Gongwen, weave};
use crate::read::inlines;
use crate::read::ruby::{self, Tag as RubyTag};
use crate::style::settings::{self, Origin, Setting};

/// Containers deeper than this are flattened into their parent, so that 10 000 nested block quotes
/// cannot overflow the stack of a writer (or of `Drop`).
const MAX_DEPTH: usize = 48;

/// Front matter longer than this is refused: metadata is a few lines, and the YAML loader's
/// memory grows with what it is given.
const MAX_FRONT_MATTER_BYTES: usize = 64 << 10;

/// The keys front matter may have; any other is a warning naming it.
const KNOWN_KEYS: &[&str] = &[
    "title",
    "subtitle",
    "author",
    "authors",
    "date",
    "lang",
    "language",
    "identifier",
    "description",
    "abstract",
    "cover",
    "preset",
    "fonts",
    "ruby",
    "ruby-tones",
    "ruby-sandhi",
    "css",
    "reference-doc",
    "copy_number",
    "secrecy",
    "urgency",
    "issuer",
    "number",
    "signer",
    "signers",
    "recipients",
    "attachments",
    "signature",
    "note",
    "cc",
    "printer",
    "print_date",
];

/// Reads Markdown; with `raw_html` false, raw HTML becomes plain text (escaped by every writer).
/// Front matter that is not valid YAML, or that uses aliases, is an error naming its line.
/// `base` is metadata given outside the document (`-M`, `--metadata-file`): the front matter's
/// keys override its keys, and it is read with the same checks.
pub fn read(
    text: &str,
    raw_html: bool,
    base: Option<Hash>,
    warnings: &mut Vec<Warning>,
) -> Result<Document, Error> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut b = Builder {
        src: text,
        line_starts: std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect(),
        run: String::new(),
        pieces: Vec::new(),
        raw_ruby: None,
        stack: vec![Frame::new(Kind::Root)],
        pushed: Vec::new(),
        depth: 0,
        flattened: 0,
        raw_html,
        ids: IdMaker::default(),
        meta: Metadata::default(),
        gongwen: Gongwen::default(),
        note_index: BTreeMap::new(),
        note_bodies: BTreeMap::new(),
        note_order: Vec::new(),
        line: 0,
        heading_suffix: None,
        warnings: Vec::new(),
        error: None,
        base,
    };
    // Lines counted on from the last heading, not from the start each time: a book has
    // thousands of headings (counting from the start was quadratic).
    let (mut counted, mut newlines) = (0, 0);
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        if let Event::Start(Tag::Heading { .. } | Tag::MetadataBlock(_)) = &event {
            if range.start < counted {
                (counted, newlines) = (0, 0);
            }
            newlines += text[counted..range.start].matches('\n').count();
            counted = range.start;
            b.line = newlines + 1;
        }
        let suffix = match &event {
            Event::Start(Tag::Heading { .. }) => unread_attributes(&text[range.clone()]).map(|s| {
                let at = range.start + text[range.clone()].rfind(s.trim_start()).unwrap_or(0);
                (s, at)
            }),
            _ => None,
        };
        if suffix.is_some() {
            b.heading_suffix = suffix;
        }
        b.event(event, range);
        if let Some(e) = b.error.take() {
            return Err(e);
        }
    }
    // Metadata from outside a document that has no front matter.
    if let Some(base) = b.base.take() {
        b.keys(&base, None);
        if let Some(e) = b.error.take() {
            return Err(e);
        }
    }
    if b.flattened > 0 {
        warnings.push(Warning::info(format!(
            "{} containers nested deeper than {MAX_DEPTH} levels were flattened",
            b.flattened
        )));
    }
    warnings.append(&mut b.warnings);
    Ok(b.finish())
}

/// The trailing `{…}` of a heading's source (with the spaces before it) when pulldown-cmark
/// took it for an attribute list but it is not one: only `#id`, `.class` and `key=value` with
/// ASCII names are (as Pandoc and pulldown-cmark document them).
fn unread_attributes(source: &str) -> Option<String> {
    let mut lines: Vec<&str> = source.trim_end().lines().collect();
    // A setext heading: drop its underline.
    if lines.len() > 1
        && lines
            .last()
            .is_some_and(|l| l.trim().chars().all(|c| c == '=' || c == '-'))
    {
        lines.pop();
    }
    let line = lines.last()?.trim_end().trim_end_matches('#').trim_end();
    let inner = line.strip_suffix('}')?;
    let open = inner.rfind('{')?;
    let attrs = &inner[open + 1..];
    let name = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
    };
    let valid = attrs.split_whitespace().all(|a| {
        if let Some(id) = a.strip_prefix('#') {
            name(id)
        } else if let Some(class) = a.strip_prefix('.') {
            name(class)
        } else if let Some((k, v)) = a.split_once('=') {
            name(k) && !v.is_empty()
        } else {
            false
        }
    });
    if valid && !attrs.trim().is_empty() {
        return None;
    }
    let before = inner[..open].len() - inner[..open].trim_end().len();
    Some(line[open - before..].to_owned())
}

#[derive(Debug)]
enum Kind {
    Root,
    Paragraph,
    /// Level, the `{#id}` and the `{.class}`es written after the text.
    Heading(u8, Option<String>, Vec<String>),
    Quote,
    List(bool, u64, Vec<ListItem>),
    Item(Option<bool>),
    Note(String),
    Table(Vec<Align>, Vec<Vec<Inline>>, Vec<Vec<Vec<Inline>>>),
    Head,
    Row(Vec<Vec<Inline>>),
    Cell,
    Emph,
    Strong,
    Strike,
    Link(String),
    Image(String),
    Code(Option<String>, String),
    Html(String),
    Metadata(String),
}

impl Kind {
    /// Containers that can nest without limit in Markdown; they count towards `MAX_DEPTH`.
    fn nests(&self) -> bool {
        matches!(
            self,
            Kind::Quote
                | Kind::List(..)
                | Kind::Item(_)
                | Kind::Emph
                | Kind::Strong
                | Kind::Strike
                | Kind::Link(_)
        )
    }
}

#[derive(Debug)]
struct Frame {
    kind: Kind,
    blocks: Vec<Block>,
    inlines: Vec<Inline>,
}

impl Frame {
    fn new(kind: Kind) -> Frame {
        Frame {
            kind,
            blocks: Vec::new(),
            inlines: Vec::new(),
        }
    }

    /// Inline content met directly in a block container (a tight list item) becomes a paragraph.
    fn flush_inlines(&mut self) {
        if !self.inlines.is_empty() {
            let inlines = inlines::finish(std::mem::take(&mut self.inlines));
            if !inlines.is_empty() {
                self.blocks.push(Block::Paragraph { inlines });
            }
        }
    }
}

struct Builder<'a> {
    /// The Markdown source, for the places of ruby problems.
    src: &'a str,
    /// The byte offset where each line of `src` starts.
    line_starts: Vec<usize>,
    /// Text read since the last inline that is not text, in which ruby markup is looked for
    /// once it is whole (pulldown-cmark splits text at `\|` in a table cell, for one).
    run: String,
    /// Where each piece of `run` starts: (byte in `run`, byte in `src`).
    pieces: Vec<(usize, usize)>,
    /// A raw `<ruby>` element being read, and its source so far.
    raw_ruby: Option<(ruby::Element, usize, String)>,
    stack: Vec<Frame>,
    /// For each open tag: whether it pushed a frame (false when flattened).
    pushed: Vec<bool>,
    depth: usize,
    flattened: usize,
    raw_html: bool,
    ids: IdMaker,
    meta: Metadata,
    /// The official document's elements given in front matter.
    gongwen: Gongwen,
    note_index: BTreeMap<String, usize>,
    note_bodies: BTreeMap<String, Vec<Block>>,
    note_order: Vec<String>,
    /// The 1-based line where the heading or metadata block being read starts.
    line: usize,
    /// `# 第一章 {重要}`: the `{…}` pulldown-cmark took for attributes, to give back to the text,
    /// and its byte offset in the source.
    heading_suffix: Option<(String, usize)>,
    warnings: Vec<Warning>,
    /// The first error met (invalid front matter); reading stops there.
    error: Option<Error>,
    /// Metadata given outside the document, until the front matter (or the end) takes it.
    base: Option<Hash>,
}

impl Builder<'_> {
    fn top(&mut self) -> &mut Frame {
        self.stack.last_mut().expect("root frame is never popped")
    }

    fn push_inline(&mut self, inline: Inline) {
        self.flush_run();
        self.top().inlines.push(inline);
    }

    /// Reads the ruby markup of the text run into the top frame's inlines; a problem is a
    /// warning with the line and column of its `{` in the source.
    fn flush_run(&mut self) {
        if self.run.is_empty() {
            return;
        }
        let run = std::mem::take(&mut self.run);
        let pieces = std::mem::take(&mut self.pieces);
        let source_of = |i: usize| {
            let k = pieces.partition_point(|&(r, _)| r <= i).saturating_sub(1);
            pieces
                .get(k)
                .map_or((i, false), |&(r, s)| (s + (i - r), r == i))
        };
        let src = self.src.as_bytes();
        // `\{`: pulldown-cmark starts a text event at the escaped brace.
        let literal = |i: usize| {
            let (at, starts_piece) = source_of(i);
            starts_piece && at > 0 && src.get(at - 1) == Some(&b'\\')
        };
        let (inlines, problems) = ruby::markup(&run, literal);
        for p in problems {
            let (line, column) = self.place(source_of(p.at).0);
            self.warnings.push(Warning::warn(format!(
                "line {line}, column {column}: {}",
                p.message
            )));
        }
        self.top().inlines.extend(inlines);
    }

    /// The 1-based line and column (in characters) of a byte offset of the source.
    fn place(&self, at: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= at).max(1);
        let start = self.line_starts[line - 1];
        let column = self.src.get(start..at).map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }

    fn push_block(&mut self, block: Block) {
        self.flush_run();
        let top = self.top();
        top.flush_inlines();
        top.blocks.push(block);
    }

    /// Text that stands at byte `at` of the source.
    fn text(&mut self, text: &str, at: usize) {
        if let Kind::Code(_, code) | Kind::Html(code) | Kind::Metadata(code) = &mut self.top().kind
        {
            code.push_str(text);
        } else {
            self.pieces.push((self.run.len(), at));
            self.run.push_str(text);
        }
    }

    fn open(&mut self, kind: Kind) {
        self.flush_run();
        let nests = kind.nests();
        if nests && self.depth >= MAX_DEPTH {
            self.flattened += 1;
            self.pushed.push(false);
            return;
        }
        if nests {
            self.depth += 1;
        }
        if matches!(
            kind,
            Kind::Paragraph
                | Kind::Heading(..)
                | Kind::Quote
                | Kind::List(..)
                | Kind::Table(..)
                | Kind::Code(..)
                | Kind::Html(_)
        ) {
            self.top().flush_inlines();
        }
        self.pushed.push(true);
        self.stack.push(Frame::new(kind));
    }

    fn close(&mut self) {
        self.flush_run();
        if !self.pushed.pop().unwrap_or(false) || self.stack.len() < 2 {
            return;
        }
        let mut frame = self.stack.pop().expect("checked above");
        if frame.kind.nests() {
            self.depth -= 1;
        }
        if matches!(frame.kind, Kind::Quote | Kind::Item(_) | Kind::Note(_)) {
            frame.flush_inlines();
        }
        match frame.kind {
            Kind::Root => {}
            Kind::Paragraph => {
                let inlines = inlines::finish(frame.inlines);
                if !inlines.is_empty() {
                    self.push_block(Block::Paragraph { inlines });
                }
            }
            Kind::Heading(level, mut id, mut classes) => {
                let mut inlines = frame.inlines;
                if let Some((suffix, at)) = self.heading_suffix.take() {
                    id = None;
                    classes.clear();
                    self.stack.push(Frame::new(Kind::Root));
                    self.text(&suffix, at);
                    self.flush_run();
                    let frame = self.stack.pop().expect("pushed above");
                    inlines.extend(frame.inlines);
                }
                let inlines = inlines::finish(inlines);
                let id = match id {
                    Some(id) => self.ids.make(&id),
                    None => self.ids.make(&plain_text(&inlines)),
                };
                let attr = Attr { id, classes };
                self.push_block(Block::Heading {
                    level,
                    attr,
                    inlines,
                });
            }
            Kind::Quote => {
                self.push_block(Block::BlockQuote {
                    attr: Attr::default(),
                    blocks: frame.blocks,
                });
            }
            Kind::List(ordered, start, items) => self.push_block(Block::List {
                attr: Attr::default(),
                ordered,
                start,
                items,
            }),
            Kind::Item(task) => {
                let item = ListItem {
                    task,
                    blocks: frame.blocks,
                };
                match &mut self.top().kind {
                    Kind::List(_, _, items) => items.push(item),
                    // An item whose list was flattened: keep its content.
                    _ => item.blocks.into_iter().for_each(|b| self.push_block(b)),
                }
            }
            Kind::Note(label) => {
                self.note_bodies.entry(label).or_insert(frame.blocks);
            }
            Kind::Table(align, head, rows) => self.push_block(Block::Table {
                attr: Attr::default(),
                align,
                head,
                rows,
            }),
            // Header cells go straight into the table as they close (see `Kind::Cell`).
            Kind::Head => {}
            Kind::Row(cells) => {
                if let Kind::Table(_, _, rows) = &mut self.top().kind {
                    rows.push(cells);
                }
            }
            Kind::Cell => {
                let cell = inlines::finish(frame.inlines);
                match &mut self.top().kind {
                    Kind::Row(cells) => cells.push(cell),
                    Kind::Head => {
                        let len = self.stack.len();
                        if let Kind::Table(_, head, _) = &mut self.stack[len - 2].kind {
                            head.push(cell);
                        }
                    }
                    _ => {}
                }
            }
            Kind::Emph => self.push_inline(Inline::Emph(frame.inlines)),
            Kind::Strong => self.push_inline(Inline::Strong(frame.inlines)),
            Kind::Strike => self.push_inline(Inline::Strike(frame.inlines)),
            Kind::Link(url) => self.push_inline(Inline::Link {
                url,
                inlines: frame.inlines,
            }),
            Kind::Image(src) => {
                let alt = plain_text(&frame.inlines);
                self.push_inline(Inline::Image { src, alt });
            }
            Kind::Code(lang, mut text) => {
                if text.ends_with('\n') {
                    text.pop();
                }
                self.push_block(Block::CodeBlock {
                    attr: Attr::default(),
                    lang,
                    text,
                });
            }
            Kind::Html(text) => {
                let text = text.trim_end_matches('\n').to_owned();
                if self.raw_html {
                    self.push_block(Block::Html { text });
                } else {
                    self.push_block(Block::Paragraph {
                        inlines: vec![Inline::Text(text)],
                    });
                }
            }
            Kind::Metadata(yaml) => self.metadata(&yaml),
        }
    }

    /// Reads an event of a raw `<ruby>` element being read; false when the event ends it
    /// unfinished (anything but text and ruby tags: its source is then text).
    fn raw_ruby(&mut self, event: &Event, range: &std::ops::Range<usize>) -> bool {
        let Some((element, start, source)) = &mut self.raw_ruby else {
            return false;
        };
        let tag = match event {
            Event::InlineHtml(h) => RubyTag::of(h),
            _ => None,
        };
        let taken = match (event, tag) {
            (Event::Text(t), _) => {
                element.text(t);
                true
            }
            (_, Some(tag)) => element.tag(tag),
            _ => false,
        };
        if !taken {
            let (source, start) = (std::mem::take(source), *start);
            self.raw_ruby = None;
            self.text(&source, start);
            return false;
        }
        source.push_str(&self.src[range.clone()]);
        if tag == Some(RubyTag::Close) {
            let (element, ..) = self.raw_ruby.take().expect("matched above");
            for inline in element.finish() {
                self.push_inline(inline);
            }
        }
        true
    }

    fn event(&mut self, event: Event, range: std::ops::Range<usize>) {
        // `<ruby>` is read as ruby with or without `--raw-html`: the PDF and the DOCX draw it.
        if self.raw_ruby(&event, &range) {
            return;
        }
        let at = range.start;
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(_) => self.close(),
            Event::Text(t) => self.text(&t, at),
            Event::Code(c) => self.push_inline(Inline::Code(c.into_string())),
            Event::InlineMath(m) | Event::DisplayMath(m) => self.text(&m, at),
            Event::Html(h) => self.text(&h, at),
            Event::InlineHtml(h) if RubyTag::of(&h) == Some(RubyTag::Open) => {
                self.raw_ruby = Some((ruby::Element::default(), at, h.into_string()));
            }
            Event::InlineHtml(h) => {
                if self.raw_html {
                    self.push_inline(Inline::Html(h.into_string()));
                } else {
                    self.text(&h, at);
                }
            }
            Event::FootnoteReference(label) => {
                let next = self.note_index.len();
                let index = *self.note_index.entry(label.to_string()).or_insert_with(|| {
                    self.note_order.push(label.to_string());
                    next
                });
                self.push_inline(Inline::NoteRef { index });
            }
            // A soft break is decided later, when both neighbours are known (see `inlines`).
            Event::SoftBreak => self.text(inlines::SOFT_BREAK, at),
            Event::HardBreak => self.push_inline(Inline::LineBreak),
            Event::Rule => self.push_block(Block::ThematicBreak),
            Event::TaskListMarker(done) => {
                if let Kind::Item(task) = &mut self.top().kind {
                    *task = Some(done);
                }
            }
        }
    }

    fn start(&mut self, tag: Tag) {
        let kind = match tag {
            Tag::Paragraph => Kind::Paragraph,
            Tag::Heading {
                level, id, classes, ..
            } => Kind::Heading(
                heading_level(level),
                id.map(|i| i.into_string()).filter(|i| !i.is_empty()),
                classes.into_iter().map(|c| c.into_string()).collect(),
            ),
            Tag::BlockQuote(_) => Kind::Quote,
            Tag::CodeBlock(kind) => Kind::Code(
                match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split_whitespace()
                        .next()
                        .map(str::to_owned)
                        .filter(|l| !l.is_empty()),
                    CodeBlockKind::Indented => None,
                },
                String::new(),
            ),
            Tag::HtmlBlock => Kind::Html(String::new()),
            Tag::List(start) => Kind::List(start.is_some(), start.unwrap_or(1), Vec::new()),
            Tag::Item => Kind::Item(None),
            Tag::FootnoteDefinition(label) => Kind::Note(label.into_string()),
            Tag::Table(aligns) => Kind::Table(
                aligns.into_iter().map(align).collect(),
                Vec::new(),
                Vec::new(),
            ),
            Tag::TableHead => Kind::Head,
            Tag::TableRow => Kind::Row(Vec::new()),
            Tag::TableCell => Kind::Cell,
            Tag::Emphasis => Kind::Emph,
            Tag::Strong => Kind::Strong,
            Tag::Strikethrough => Kind::Strike,
            Tag::Link { dest_url, .. } => Kind::Link(dest_url.into_string()),
            Tag::Image { dest_url, .. } => Kind::Image(dest_url.into_string()),
            Tag::MetadataBlock(MetadataBlockKind::YamlStyle) => Kind::Metadata(String::new()),
            // Not enabled: treat their content as part of the surrounding block.
            Tag::MetadataBlock(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Superscript
            | Tag::Subscript => {
                self.pushed.push(false);
                return;
            }
        };
        self.open(kind);
    }

    /// Reads the front matter; `self.line` is the line of its opening `---`. At the top of the
    /// document, YAML that does not parse is an error; a `---` block further down that is not
    /// a YAML mapping is text that happens to stand between rules, and stays text.
    fn metadata(&mut self, yaml: &str) {
        let at_top = self.stack.len() == 1 && self.stack[0].blocks.is_empty();
        // The loader finds what the token check does not: a key given twice.
        let checked = self.check_yaml(yaml).and_then(|()| {
            YamlLoader::load_from_str(yaml).map_err(|e| {
                Error::FrontMatter(format!(
                    "line {}, column {}: not valid YAML ({})",
                    self.line + e.marker().line(),
                    e.marker().col() + 1,
                    e.info()
                ))
            })
        });
        let (result, first) = match checked {
            Ok(docs) => (Ok(()), docs.into_iter().next()),
            Err(e) => (Err(e), None),
        };
        let map = match (result, first) {
            (Err(e), _) if at_top => {
                self.error = Some(e);
                return;
            }
            (Ok(()), None | Some(Yaml::Null)) if at_top => return,
            (Ok(()), Some(Yaml::Hash(map))) if at_top => map,
            (result, _) => {
                // `会议时间：2026年…` — full-width colons are not YAML's, so the block is one long
                // string, not metadata; and a block further down is the document's text between
                // rules, whatever it looks like: keep its lines as text rather than lose them.
                let why = match result {
                    Err(e) => format!(" ({e})"),
                    Ok(()) if !at_top => " (front matter stands at the document's start)".into(),
                    Ok(()) => String::new(),
                };
                self.warnings.push(Warning::warn(format!(
                    "line {}: the block between `---` lines is not YAML front matter (`key: value`, with an ASCII colon){why}; kept as text",
                    self.line
                )));
                let mut inlines = Vec::new();
                for line in yaml.lines().filter(|l| !l.trim().is_empty()) {
                    if !inlines.is_empty() {
                        inlines.push(Inline::LineBreak);
                    }
                    inlines.push(Inline::Text(line.trim().to_owned()));
                }
                if !inlines.is_empty() {
                    self.push_block(Block::Paragraph { inlines });
                }
                return;
            }
        };
        let mut merged = self.base.take().unwrap_or_default();
        merged.extend(map);
        self.keys(&merged, Some(yaml));
    }

    /// Reads the keys of front matter (its text, for the keys' lines) or of metadata given
    /// outside the document (`None`).
    fn keys(&mut self, map: &Hash, yaml: Option<&str>) {
        for (key, value) in map {
            let Some(key) = key.as_str() else { continue };
            // Only text is read: a nested list or a map where text or a list of text belongs
            // would vanish without a word.
            let nested = match value {
                Yaml::Hash(_) => key != "fonts",
                Yaml::Array(items) => items.iter().any(|i| scalar(i).is_none()),
                _ => key == "fonts" && !matches!(value, Yaml::Null),
            };
            if nested {
                self.warnings.push(Warning::warn(format!(
                    "front matter: `{key}` holds {} where text belongs; what is not text is ignored",
                    if key == "fonts" { "no map of roles to files" } else { "a map or nested list" }
                )));
            }
            // A list where one text belongs (`title: [上篇, 下篇]`): its items, joined.
            let text = match value {
                Yaml::Array(items) => {
                    let items: Vec<String> = items.iter().filter_map(scalar).collect();
                    (!items.is_empty()).then(|| items.join(" "))
                }
                _ => scalar(value),
            };
            match key.to_ascii_lowercase().as_str() {
                "title" => self.meta.title = text.unwrap_or_default(),
                "subtitle" => self.meta.subtitle = text,
                "author" | "authors" => {
                    self.meta.authors = match value {
                        Yaml::Array(list) => list.iter().filter_map(scalar).collect(),
                        _ => text.into_iter().collect(),
                    }
                }
                "date" => self.meta.date = text,
                "lang" | "language" => self.meta.lang = text.unwrap_or_default(),
                "identifier" => self.meta.identifier = text,
                "description" | "abstract" => self.meta.description = text,
                "cover" => {
                    // `cover: ""` names no file: not a read of the document's folder.
                    self.meta.cover = text.filter(|t| !t.trim().is_empty());
                    if self.meta.cover.is_none() {
                        self.warnings.push(Warning::warn(
                            "front matter: `cover` is empty and names no file; ignored",
                        ));
                    }
                }
                "preset" => self.meta.preset = text,
                "ruby" => self.meta.ruby = text,
                "ruby-tones" | "ruby_tones" => self.meta.ruby_tones = text,
                "ruby-sandhi" | "ruby_sandhi" => self.meta.ruby_sandhi = text,
                // `css: [a.css, b.css]` or one file; `reference-doc: corp.docx`.
                "css" => self.meta.css = list(value),
                "reference-doc" | "reference_doc" => self.meta.reference_doc = text,
                // GB/T 9704 elements, README "Official documents".
                "copy_number" => self.gongwen.copy_number = text,
                "secrecy" => self.gongwen.secrecy = text,
                "urgency" => self.gongwen.urgency = text,
                "issuer" => self.gongwen.issuer = text,
                "number" => self.gongwen.number = text,
                "signer" | "signers" => self.gongwen.signers = list(value),
                "recipients" => self.gongwen.recipients = joined(value),
                "attachments" => self.gongwen.attachments = list(value),
                "signature" => self.gongwen.signature = text,
                "note" => self.gongwen.note = text,
                "cc" => self.gongwen.cc = joined(value),
                "printer" => self.gongwen.printer = text,
                "print_date" => self.gongwen.print_date = text,
                // `fonts: {kai: fonts/LXGWWenKai.ttf}`: role → file; the library resolves both.
                "fonts" => {
                    self.meta.fonts = value
                        .as_hash()
                        .into_iter()
                        .flatten()
                        .filter_map(|(role, file)| Some((scalar(role)?, scalar(file)?)))
                        .collect()
                }
                // `paper: A5`, `size: 小四`: settings of page and type, checked with the others
                // (`style::settings`) where the style is made.
                _ if settings::is_key(key) => {
                    let origin = match yaml.and_then(|yaml| key_line(yaml, key)) {
                        Some(line) => Origin::FrontMatter(self.line + 1 + line),
                        None => Origin::Flag("-M or --metadata-file".into()),
                    };
                    match (value, text) {
                        (Yaml::Hash(_) | Yaml::Array(_), _) | (_, None) => {
                            self.error = Some(Error::Setting(format!(
                                "{origin}: `{key}`: a map, a list or nothing where one value belongs"
                            )));
                            return;
                        }
                        (_, Some(text)) => self.meta.settings.push(Setting {
                            key: key.to_string(),
                            value: text,
                            origin,
                        }),
                    }
                }
                _ => self.warnings.push(Warning::warn(format!(
                    "front matter: unknown key `{key}` is ignored (known: {})",
                    KNOWN_KEYS.join(", ")
                ))),
            }
        }
    }

    /// Refuses front matter that is too long, not valid YAML (with its line and column in the
    /// source file), or uses aliases: `*a` copies the anchored node, and nine nested levels of
    /// them (a "billion laughs" of 400 bytes) grow past any memory.
    fn check_yaml(&self, yaml: &str) -> Result<(), Error> {
        if yaml.len() > MAX_FRONT_MATTER_BYTES {
            return Err(Error::FrontMatter(format!(
                "line {}: longer than {} KB",
                self.line,
                MAX_FRONT_MATTER_BYTES >> 10
            )));
        }
        let mut parser = YamlParser::new_from_str(yaml);
        loop {
            match parser.next_token() {
                Ok((YamlEvent::StreamEnd, _)) => return Ok(()),
                Ok((YamlEvent::Alias(_), mark)) => {
                    return Err(Error::FrontMatter(format!(
                        "line {}, column {}: YAML aliases (`*name`) are not supported; write the value out",
                        self.line + mark.line(),
                        mark.col() + 1
                    )));
                }
                Ok(_) => {}
                Err(e) => {
                    return Err(Error::FrontMatter(format!(
                        "line {}, column {}: not valid YAML ({})",
                        self.line + e.marker().line(),
                        e.marker().col() + 1,
                        e.info()
                    )));
                }
            }
        }
    }

    fn finish(mut self) -> Document {
        if let Some((_, start, source)) = self.raw_ruby.take() {
            self.text(&source, start);
        }
        while self.stack.len() > 1 {
            self.pushed.push(true);
            self.close();
        }
        let mut root = self.stack.pop().expect("root frame");
        root.flush_inlines();
        // Notes in order of first reference; definitions never referenced still keep their text.
        let mut order = self.note_order;
        let unreferenced: Vec<String> = self
            .note_bodies
            .keys()
            .filter(|k| !self.note_index.contains_key(*k))
            .cloned()
            .collect();
        order.extend(unreferenced);
        let notes = order
            .into_iter()
            .map(|label| Note {
                blocks: self.note_bodies.remove(&label).unwrap_or_default(),
                label,
            })
            .collect();
        // An official document's elements become blocks; its `date` is the 成文日期.
        let blocks = if self.gongwen.is_empty() {
            root.blocks
        } else {
            weave(&self.gongwen, self.meta.date.as_deref(), root.blocks)
        };
        Document {
            meta: self.meta,
            blocks,
            notes,
            resources: BTreeMap::new(),
        }
    }
}

/// The line of a top-level `key:` in front matter, counted from 0.
fn key_line(yaml: &str, key: &str) -> Option<usize> {
    yaml.lines().position(|l| {
        l.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    })
}

/// A list of scalars, or one scalar as a list of one.
fn list(y: &Yaml) -> Vec<String> {
    match y {
        Yaml::Array(items) => items.iter().filter_map(scalar).collect(),
        _ => scalar(y).into_iter().collect(),
    }
}

/// A list of names written as one line, joined by `，` (GB/T 9704 §7.3.2, §7.4.2).
fn joined(y: &Yaml) -> Option<String> {
    let items = list(y);
    (!items.is_empty()).then(|| items.join("，"))
}

fn scalar(y: &Yaml) -> Option<String> {
    match y {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn align(a: Alignment) -> Align {
    match a {
        Alignment::None => Align::None,
        Alignment::Left => Align::Left,
        Alignment::Center => Align::Center,
        Alignment::Right => Align::Right,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RubyKind;

    #[test]
    fn heading_attributes_fill_the_attr_and_show_in_the_dump() {
        let doc = read(
            "## 第二章 {#ch2 .big .red}\n\n# 第一章 {重要}\n",
            false,
            None,
            &mut Vec::new(),
        )
        .expect("reads");
        let Block::Heading { attr, inlines, .. } = &doc.blocks[0] else {
            panic!("{:?}", doc.blocks[0]);
        };
        assert_eq!(plain_text(inlines), "第二章");
        assert_eq!(attr.id, "ch2");
        assert_eq!(attr.classes, ["big", "red"]);
        // Braces that are not attributes stay text and give no class.
        let Block::Heading { attr, .. } = &doc.blocks[1] else {
            panic!("{:?}", doc.blocks[1]);
        };
        assert!(attr.classes.is_empty(), "{attr:?}");
        let json = serde_json::to_value(&doc.blocks[0]).expect("serializes");
        assert_eq!(
            json["attr"],
            serde_json::json!({"id": "ch2", "classes": ["big", "red"]})
        );
    }

    fn paragraph(doc: &Document, i: usize) -> &[Inline] {
        match &doc.blocks[i] {
            Block::Paragraph { inlines } => inlines,
            other => panic!("{other:?}"),
        }
    }

    fn ruby(base: &str, annotation: &str, kind: RubyKind) -> Inline {
        Inline::Ruby {
            base: base.into(),
            annotation: annotation.into(),
            kind,
        }
    }

    #[test]
    fn ruby_markup_and_raw_ruby_read_into_the_same_inline() {
        let mut warnings = Vec::new();
        let src = "前{汉字|hàn zì}\n后{汉|hàn}{字|zì}\\{不|bù}\n\n\
                   <ruby>汉<rp>(</rp><rt>hàn</rt><rp>)</rp>字<rt>zì</rt></ruby>们\n\n\
                   *{汉|hàn}* <ruby>汉<b>x</b></ruby>\n";
        let doc = read(src, false, None, &mut warnings).expect("reads");
        assert!(warnings.is_empty(), "{warnings:?}");
        let t = |s: &str| Inline::Text(s.into());
        assert_eq!(
            paragraph(&doc, 0),
            [
                t("前"),
                ruby("汉字", "hàn zì", RubyKind::Group),
                t("后"),
                ruby("汉", "hàn", RubyKind::Mono),
                ruby("字", "zì", RubyKind::Mono),
                t("{不|bù}"),
            ]
        );
        assert_eq!(
            paragraph(&doc, 1),
            [
                ruby("汉", "hàn", RubyKind::Mono),
                ruby("字", "zì", RubyKind::Mono),
                t("们"),
            ]
        );
        // An element with other markup inside is not read as ruby: its source stays text.
        assert_eq!(
            paragraph(&doc, 2),
            [
                Inline::Emph(vec![ruby("汉", "hàn", RubyKind::Mono)]),
                t(" <ruby>汉<b>x</b></ruby>"),
            ]
        );
        // With `--raw-html` too: the PDF and the DOCX have no HTML to show it with.
        let doc = read("<ruby>汉<rt>hàn</rt></ruby>", true, None, &mut warnings).expect("reads");
        assert_eq!(paragraph(&doc, 0), [ruby("汉", "hàn", RubyKind::Mono)]);
    }

    #[test]
    fn wrong_ruby_counts_warn_with_line_and_column() {
        let mut warnings = Vec::new();
        let doc = read(
            "# 题\n\n前后：{汉字|hàn zì zi}\n",
            false,
            None,
            &mut warnings,
        )
        .expect("reads");
        assert_eq!(
            paragraph(&doc, 1)[1],
            ruby("汉字", "hàn zì zi", RubyKind::Group)
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let message = warnings[0].to_string();
        assert!(message.contains("line 3, column 4"), "{message}");
        assert!(
            message.contains("3 syllables over 2 characters"),
            "{message}"
        );
    }

    #[test]
    fn ruby_in_table_cells_and_headings() {
        // In a GFM table the bar splits cells unless escaped (GFM §4.10); the escaped bar then
        // separates base and reading.
        let src = "| 字 | 音 |\n|---|---|\n| {汉字\\|hàn zì} | {汉|hàn} |\n\n## 标题{字|zì}\n";
        let doc = read(src, false, None, &mut Vec::new()).expect("reads");
        let Block::Table { rows, .. } = &doc.blocks[0] else {
            panic!("{:?}", doc.blocks[0]);
        };
        assert_eq!(rows[0][0], [ruby("汉字", "hàn zì", RubyKind::Group)]);
        // The unescaped bar ended the cell: `{汉` and `hàn}` are text in two cells.
        assert_eq!(rows[0][1], [Inline::Text("{汉".into())]);
        let Block::Heading { inlines, attr, .. } = &doc.blocks[1] else {
            panic!("{:?}", doc.blocks[1]);
        };
        assert_eq!(
            inlines,
            &[
                Inline::Text("标题".into()),
                ruby("字", "zì", RubyKind::Mono)
            ]
        );
        assert_eq!(attr.id, "标题字");
    }
}
