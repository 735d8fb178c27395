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
  var out = document.createElement('pre');
  out.id = 'probe';
  out.textContent = JSON.stringify({
    boxes: boxes,
    tcy: [tcy.textContent, t.width, t.height, parseFloat(getComputedStyle(tcy).fontSize)],
    scroll: [s.scrollWidth, s.clientWidth, s.scrollHeight, s.clientHeight]
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
}
