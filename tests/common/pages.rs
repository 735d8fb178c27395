//! A PDF's pages as a test reads them: visual lines from `pdftotext -bbox`, pixels from
//! `pdftoppm`, and every glyph's boxes from `tests/tools/pdfglyphs.py --boxes`.

use std::path::Path;
use std::process::Command;

/// One visual line of a page: its words joined left to right, and its box in points.
#[derive(Debug, Clone)]
pub struct VLine {
    /// The words, joined without spaces.
    pub text: String,
    /// Left edge.
    pub x_min: f32,
    /// Right edge.
    pub x_max: f32,
    /// Top edge.
    pub y_min: f32,
    /// Bottom edge.
    pub y_max: f32,
}

impl VLine {
    /// The height of its box.
    pub fn height(&self) -> f32 {
        self.y_max - self.y_min
    }

    /// The horizontal centre.
    pub fn centre(&self) -> f32 {
        (self.x_min + self.x_max) / 2.0
    }
}

fn run(cmd: &mut Command) -> Vec<u8> {
    let out = cmd.output().expect("tool starts");
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// One word of `pdftotext -bbox`: its text (entities decoded) and box, in points from the
/// page's top-left corner.
#[derive(Debug, Clone)]
pub struct Word {
    /// The word.
    pub text: String,
    /// Left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// Top edge.
    pub y0: f32,
    /// Bottom edge.
    pub y1: f32,
}

/// The words of every page, as `pdftotext -bbox` finds them.
pub fn words(pdf: &Path) -> Vec<Vec<Word>> {
    let out = run(Command::new("pdftotext").arg("-bbox").arg(pdf).arg("-"));
    let xml = String::from_utf8(out).expect("UTF-8");
    let attr = |tag: &str, name: &str| -> f32 {
        let at = tag.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
        tag[at..at + tag[at..].find('"').unwrap()].parse().unwrap()
    };
    xml.split("<page ")
        .skip(1)
        .map(|page| {
            page.split("<word ")
                .skip(1)
                .map(|w| {
                    let (tag, rest) = w.split_once('>').unwrap();
                    let text = rest.split_once("</word>").unwrap().0;
                    Word {
                        text: text
                            .replace("&lt;", "<")
                            .replace("&gt;", ">")
                            .replace("&quot;", "\"")
                            .replace("&amp;", "&"),
                        x0: attr(tag, "xMin"),
                        x1: attr(tag, "xMax"),
                        y0: attr(tag, "yMin"),
                        y1: attr(tag, "yMax"),
                    }
                })
                .collect()
        })
        .collect()
}

/// The visual lines of every page: words grouped by their vertical middle.
pub fn lines(pdf: &Path) -> Vec<Vec<VLine>> {
    words(pdf).iter().map(|page| page_lines(page)).collect()
}

/// The visual lines of one page, top to bottom: its words grouped by their vertical middle (not
/// by poppler's own line segmentation, which splits a line where compressed punctuation
/// overlaps), each line's words joined left to right.
pub fn page_lines(page: &[Word]) -> Vec<VLine> {
    let mut lines: Vec<VLine> = Vec::new();
    for Word {
        text,
        x0,
        x1,
        y0,
        y1,
    } in page.iter().cloned()
    {
        let mid = (y0 + y1) / 2.0;
        let near = |l: &VLine| {
            let h = l.height().min(y1 - y0);
            ((l.y_min + l.y_max) / 2.0 - mid).abs() < h * 0.4
        };
        match lines.iter_mut().find(|l| near(l)) {
            Some(l) => {
                if x0 < l.x_min {
                    l.text.insert_str(0, &text);
                } else {
                    l.text.push_str(&text);
                }
                l.x_min = l.x_min.min(x0);
                l.x_max = l.x_max.max(x1);
                l.y_min = l.y_min.min(y0);
                l.y_max = l.y_max.max(y1);
            }
            None => lines.push(VLine {
                text,
                x_min: x0,
                x_max: x1,
                y_min: y0,
                y_max: y1,
            }),
        }
    }
    lines.sort_by(|a, b| a.y_min.total_cmp(&b.y_min));
    lines
}

/// The lines of `text` as a PDF sets them: `lines` are its visual lines (in order, joined they
/// are `text`); each must end between two words (`layout::title::word_breaks`, jieba's words).
pub fn assert_breaks_between_words(text: &str, lines: &[String], what: &str) {
    assert!(lines.len() >= 2, "{what}: {lines:?}");
    assert_eq!(lines.concat(), text, "{what}");
    let words = cjkpress::layout::title::word_breaks(text);
    let mut at = 0;
    for line in &lines[..lines.len() - 1] {
        at += line.chars().count();
        assert!(
            words.contains(&at),
            "{what}: break inside a word: {lines:?}"
        );
    }
}

/// A rendered page: RGB pixels, row by row.
pub struct Pixels {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// Pixels per point.
    pub scale: f32,
    rgb: Vec<u8>,
}

impl Pixels {
    /// The colour at (x, y).
    pub fn at(&self, x: usize, y: usize) -> [u8; 3] {
        let i = (y * self.width + x) * 3;
        [self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]]
    }
}

/// Page `page` (1-based) of `pdf` rendered by `pdftoppm` at `dpi`.
pub fn render(pdf: &Path, page: usize, dpi: u32) -> Pixels {
    let ppm = run(Command::new("pdftoppm")
        .args([
            "-r",
            &dpi.to_string(),
            "-f",
            &page.to_string(),
            "-l",
            &page.to_string(),
        ])
        .arg(pdf));
    // P6 <w> <h> <max> then binary RGB.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&ppm[start..at]).to_string());
    }
    assert_eq!(fields[0], "P6");
    let width: usize = fields[1].parse().unwrap();
    let height: usize = fields[2].parse().unwrap();
    Pixels {
        width,
        height,
        scale: dpi as f32 / 72.0,
        rgb: ppm[at + 1..at + 1 + width * height * 3].to_vec(),
    }
}

/// A box in points from the page's top-left corner: left, top, right, bottom.
pub type Rect = [f32; 4];

/// One glyph a PDF draws, as `pdfglyphs.py --boxes` reads it from the content stream and the
/// embedded font files.
#[derive(Debug, Clone)]
pub struct Drawn {
    /// The page, from 1.
    pub page: usize,
    /// The font's BaseFont, without its subset tag.
    pub font: String,
    /// The font size.
    pub size: f32,
    /// The character (from ToUnicode).
    pub ch: char,
    /// Set in the vertical writing mode (Identity-V): upright in a column.
    pub vertical: bool,
    /// Its advance across the em box; down a column for a vertical glyph.
    pub cell: Rect,
    /// Its outline's bounding box; `None` for a glyph without outline.
    pub ink: Option<Rect>,
}

/// Every visible glyph of `pdf`, in the order drawn.
pub fn drawn(pdf: &Path) -> Vec<Drawn> {
    let out = super::output(
        Command::new("python3")
            .arg(super::root().join("tests/tools/pdfglyphs.py"))
            .arg("--boxes")
            .arg(pdf),
    );
    out.lines()
        .map(|row| {
            let f: Vec<&str> = row.split('\t').collect();
            let rect = |at: usize| -> Option<Rect> {
                let v: Vec<f32> = f[at..at + 4]
                    .iter()
                    .filter_map(|s| s.parse().ok())
                    .collect();
                v.try_into().ok()
            };
            Drawn {
                page: f[0].parse().unwrap(),
                font: f[1].to_string(),
                size: f[2].parse().unwrap(),
                ch: f[3].chars().next().unwrap_or('?'),
                vertical: f[4] == "V",
                cell: rect(5).unwrap(),
                ink: rect(9),
            }
        })
        .collect()
}
