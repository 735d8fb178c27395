//! `cjkpress watch` (issue 23): an edit to a watched file changes the output. Each wait is
//! bounded, and the watcher is killed however the test ends.

mod common;

use std::fs;
use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::cjkpress;

/// How long a (debug-built) conversion may take before the test gives up.
const PATIENCE: Duration = Duration::from_secs(90);

/// A running `cjkpress watch`, killed when dropped; its messages arrive line by line.
struct Watcher {
    child: Child,
    lines: mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Watcher {
    fn start(dir: &Path, args: &[&str]) -> Watcher {
        let mut child = cjkpress()
            .current_dir(dir)
            .arg("watch")
            .args(args)
            .arg("--no-system-fonts")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Watcher {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// Waits for a line starting with `start`, and returns it.
    fn line(&mut self, start: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if line.starts_with(start) => return line,
                Ok(line) => self.seen.push(line),
                Err(_) => panic!("no `{start}…` line; saw {:?}", self.seen),
            }
        }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The milliseconds a `built …`/`rebuilt …` line reports.
fn millis(line: &str) -> u64 {
    let (_, tail) = line.rsplit_once(" in ").expect(line);
    tail.trim_end_matches(" ms").parse().expect(line)
}

#[test]
fn an_edit_to_a_watched_file_changes_its_output() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.md"), "# 标题\n\n初稿。\n").unwrap();
    let mut watch = Watcher::start(dir.path(), &["a.md", "-o", "a.html"]);
    let built = watch.line("built a.html in ");
    assert!(millis(&built) > 0, "{built}");
    watch.line("watching ");
    assert!(
        fs::read_to_string(dir.path().join("a.html"))
            .unwrap()
            .contains("初稿")
    );
    fs::write(dir.path().join("a.md"), "# 标题\n\n改稿。\n").unwrap();
    watch.line("rebuilt a.html in ");
    let html = fs::read_to_string(dir.path().join("a.html")).unwrap();
    assert!(html.contains("改稿") && !html.contains("初稿"), "{html}");
    // Its own reading and writing are no edits: no second rebuild follows.
    std::thread::sleep(Duration::from_millis(1500));
    let more: Vec<String> = watch.lines.try_iter().collect();
    assert!(!more.iter().any(|l| l.starts_with("rebuilt")), "{more:?}");
}

#[test]
fn a_watched_folder_builds_a_new_source_into_the_mirrored_tree() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("src/part")).unwrap();
    fs::write(dir.path().join("src/a.md"), "# 甲\n\n正文。\n").unwrap();
    let mut watch = Watcher::start(dir.path(), &["src", "-o", "out", "--to", "html"]);
    watch.line("watching ");
    assert!(dir.path().join("out/a.html").is_file());
    fs::write(dir.path().join("src/part/b.md"), "# 乙\n\n新的一章。\n").unwrap();
    let line = watch.line("rebuilt out/part/b.html");
    assert!(millis(&line) < PATIENCE.as_millis() as u64, "{line}");
    let html = fs::read_to_string(dir.path().join("out/part/b.html")).unwrap();
    assert!(html.contains("新的一章"), "{html}");
}
