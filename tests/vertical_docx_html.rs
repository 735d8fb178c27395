//! `--vertical` in the editable and web formats (issue 26, item 3): Chromium sets the HTML page in
//! columns top to bottom, right to left, with short numbers upright across the column, and the
//! page scrolls sideways; LibreOffice sets the DOCX the same way.

mod common;

use std::path::{Path, PathBuf};

/// A piece of 古文觀止 with short and long numbers, written into `dir`.
fn source(dir: &Path) -> PathBuf {
    let guwen = std::fs::read_to_string(common::root().join("tests/data/guwen.md")).unwrap();
    // The front matter, the first chapter's heading and its first piece's first paragraphs.
    let head: Vec<&str> = guwen.lines().take(18).collect();
    let text = format!(
        "{}\n\n魯隱公3年，共365天，凡12章，2026年。\n",
        head.join("\n")
    );
    let path = dir.join("guwen.md");
    std::fs::write(&path, text).unwrap();
    path
}

/// Converts the source to `format` with `--vertical` (and `extra`); returns the output's path.
fn vertical(dir: &Path, format: &str, extra: &[&str]) -> PathBuf {
    let out = dir.join(format!("guwen.{format}"));
    common::run_ok(
        common::cjkpress()
            .arg(source(dir))
            .arg("-o")
            .arg(&out)
            .args(["--vertical", "--no-system-fonts"])
            .args(extra),
    );
    out
}

/// What a script in a copy of the page reports once its fonts are ready: the boxes of the first
/// 60 characters of the first paragraph that starts with that many characters of text, the box of the upright 365 and its font size,
/// and the page's scroll extents.
fn probe(page: &Path, fontconfig: &Path) -> serde_json::Value {
    let script = r#"<script>
document.fonts.ready.then(function () {
  var node = Array.from(document.querySelectorAll('main p'))
    .map(function (p) { return p.firstChild; })
    .find(function (n) { return n && n.nodeType === 3 && n.length >= 60; });
  var boxes = [];
  for (var i = 0; i < Math.min(60, node.length); i++) {
    var r = document.createRange();
    r.setStart(node, i);
    r.setEnd(node, i + 1);
    var b = r.getBoundingClientRect();
    boxes.push([node.data[i], b.left, b.top, b.width, b.height]);
  }
  var tcy = Array.from(document.querySelectorAll('.tcy'))
    .find(function (t) { return t.textContent === '365'; });
  var t = tcy.getBoundingClientRect();
  var s = document.scrollingElement;
  var title = document.querySelector('.title').getBoundingClientRect();
  var out = document.createElement('pre');
  out.id = 'probe';
  out.textContent = JSON.stringify({
    boxes: boxes,
    tcy: [tcy.textContent, t.width, t.height, parseFloat(getComputedStyle(tcy).fontSize)],
    scroll: [s.scrollWidth, s.clientWidth, s.scrollHeight, s.clientHeight],
    title: [title.left, title.right]
  });
  document.body.appendChild(out);
});
</script>
</body>"#;
    let html = std::fs::read_to_string(page).unwrap();
    let copy = page.with_extension("probe.html");
    std::fs::write(&copy, html.replace("</body>", script)).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let out = common::chromium(profile.path())
        .env("FONTCONFIG_FILE", fontconfig)
        // A small window: the page must scroll sideways, not down.
        .args([
            "--window-size=480,400",
            "--dump-dom",
            "--virtual-time-budget=10000",
        ])
        .arg(format!("file://{}", copy.display()))
        .output()
        .expect("chromium starts");
    let dom = String::from_utf8_lossy(&out.stdout);
    let start = dom
        .find("<pre id=\"probe\">")
        .unwrap_or_else(|| panic!("no probe result:\n{}", String::from_utf8_lossy(&out.stderr)))
        + "<pre id=\"probe\">".len();
    let json = &dom[start..start + dom[start..].find("</pre>").unwrap()];
    serde_json::from_str(&json.replace("&amp;", "&")).expect("probe JSON")
}

#[test]
fn chromium_sets_the_html_page_vertically() {
    if !common::available("chromium", common::have("chromium")) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = vertical(dir.path(), "html", &[]);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("writing-mode: vertical-rl"));
    assert!(html.contains("<span class=\"tcy\">365</span>"));
    assert!(html.contains("2026年"), "a four-digit year stays sideways");

    let seen = probe(&page, &common::no_cjk_fontconfig(dir.path()));
    let boxes: Vec<(String, f64, f64)> = seen["boxes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            let x = b[1].as_f64().unwrap() + b[3].as_f64().unwrap() / 2.0;
            (
                b[0].as_str().unwrap().to_string(),
                x,
                b[2].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(boxes.len(), 60, "{seen}");
    // Each next character is below the one before in the same column, or at the top of the
    // next column to the left.
    let mut columns = 1;
    for pair in boxes.windows(2) {
        let ((c, x0, y0), (d, x1, y1)) = (&pair[0], &pair[1]);
        if (x1 - x0).abs() < 1.0 {
            assert!(y1 > y0, "{d} is not below {c}: {seen}");
        } else {
            assert!(
                x1 < x0 && y1 < y0,
                "{d} does not start a column left of {c}: {seen}"
            );
            columns += 1;
        }
    }
    assert!(
        columns >= 2,
        "60 characters in one column of a 400-pixel window: {seen}"
    );
    // The upright number takes one character cell: no wider across the column than a Han
    // character's box, and one em or so down it (sideways, its three digits would take 1.5 em).
    let tcy = &seen["tcy"];
    let size = tcy[3].as_f64().unwrap();
    let han_width = seen["boxes"][0][3].as_f64().unwrap();
    assert_eq!(tcy[0], "365", "{seen}");
    assert!(tcy[1].as_f64().unwrap() <= han_width + 0.5, "{seen}");
    assert!(tcy[2].as_f64().unwrap() <= size * 1.1, "{seen}");
    // Columns no taller than the window; the page scrolls sideways.
    let scroll: Vec<f64> = seen["scroll"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    assert!(scroll[0] > scroll[1], "no sideways scroll: {seen}");
    assert!(scroll[2] <= scroll[3], "the page scrolls down: {seen}");
    // It opens at its start: the title, in the first column, is in the window at the right.
    let title: Vec<f64> = seen["title"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    assert!(
        title[0] > scroll[1] / 2.0 && title[1] <= scroll[1],
        "the title is not in the window's right half: {seen}"
    );
}

/// Every word `pdftotext -bbox` finds in `pdf`, in its order: (text, x min, y min, x max, y max).
fn words(pdf: &Path) -> Vec<(String, f64, f64, f64, f64)> {
    let xml = common::output(
        std::process::Command::new("pdftotext")
            .arg("-bbox")
            .arg(pdf)
            .arg("-"),
    );
    xml.lines()
        .filter_map(|line| {
            let line = line.trim().strip_prefix("<word ")?;
            let attr = |name: &str| -> f64 {
                let at = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                line[at..at + line[at..].find('"').unwrap()]
                    .parse()
                    .unwrap()
            };
            let text = &line[line.find('>')? + 1..line.find("</word>")?];
            Some((
                text.to_string(),
                attr("xMin"),
                attr("yMin"),
                attr("xMax"),
                attr("yMax"),
            ))
        })
        .collect()
}

#[test]
fn libreoffice_sets_the_docx_vertically() {
    if !common::tools(&["soffice", "pdftotext"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let docx = vertical(dir.path(), "docx", &[]);
    let parts = common::unzip(&docx);
    let document = String::from_utf8(parts["word/document.xml"].clone()).unwrap();
    assert!(document.contains("<w:textDirection w:val=\"tbRl\"/><w:rtlGutter/>"));
    assert!(document.contains(
        "<w:eastAsianLayout w:id=\"2\" w:vert=\"1\" w:vertCompress=\"1\"/></w:rPr><w:t>365</w:t>"
    ));
    assert!(
        document.contains("2026年"),
        "a four-digit year stays sideways"
    );

    let pdf = common::libreoffice(&docx, dir.path(), "pdf");
    let words = words(&pdf);
    // LibreOffice draws each character of vertical text as a word of its own. Followed
    // character by character, the first paragraph goes down a column, each character just
    // below the one before, then on at the top of the next column to the left.
    let source = std::fs::read_to_string(dir.path().join("guwen.md")).unwrap();
    let paragraph: Vec<String> = source
        .lines()
        .find(|l| l.starts_with("初，"))
        .unwrap()
        .chars()
        .map(String::from)
        .collect();
    let mut cur = words
        .windows(2)
        .find(|w| w[0].0 == paragraph[0] && w[1].0 == paragraph[1])
        .map(|w| &w[0])
        .expect("the paragraph's first characters");
    let mut columns = 1;
    for c in &paragraph[1..] {
        let cell = cur.4 - cur.2;
        let below = words
            .iter()
            .filter(|w| w.0 == *c && (w.1 - cur.1).abs() < 0.5)
            .filter(|w| w.2 > cur.2 && w.2 - cur.2 < 1.5 * cell)
            .min_by(|a, b| a.2.total_cmp(&b.2));
        if let Some(w) = below {
            cur = w;
            continue;
        }
        let left = words
            .iter()
            .filter(|w| w.0 == *c && w.1 < cur.1 - 0.5)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.2.total_cmp(&a.2)))
            .unwrap_or_else(|| panic!("{c} is neither below {} nor left of it", cur.0));
        assert!(
            left.2 < cur.2,
            "{c} does not start a column: {left:?} after {cur:?}"
        );
        assert!(
            cur.1 - left.1 < 3.0 * cell,
            "{c} skips a column: {left:?} after {cur:?}"
        );
        columns += 1;
        cur = left;
    }
    assert!(columns >= 2, "the paragraph is one column");
    // 365 stands upright in one cell of its column: as tall as the Han character after it and
    // centred on the same line (sideways, its three digits would take 1.5 em down the column).
    let at = words
        .iter()
        .position(|w| w.0 == "365")
        .expect("365 is one word");
    let (number, han) = (&words[at], &words[at + 1]);
    assert_eq!(han.0, "天");
    assert!(
        number.4 - number.2 <= han.4 - han.2 + 0.5,
        "{number:?} {han:?}"
    );
    let centre = |w: &(String, f64, f64, f64, f64)| (w.1 + w.3) / 2.0;
    assert!(
        (centre(number) - centre(han)).abs() < 1.0,
        "{number:?} {han:?}"
    );
}
