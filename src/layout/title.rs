//! Where a title that runs over lines breaks: only between words, into lines of balanced length.
//!
//! GB/T 9704-2012 §7.3.1: a title "回行时，要做到词意完整，排列对称，长短适宜，间距恰当，标题排列
//! 应当使用梯形或菱形" — each line keeps its words whole, and the centred lines form a trapezoid
//! or a diamond, not one full line over a short remainder. Words come from jieba's dictionary
//! segmentation (`jieba-rs`); the lines are the fewest that fit, with lengths as even as the word
//! boundaries allow, rising then falling (never a short line between two longer ones: an
//! hourglass is neither shape), so centred they taper evenly.

use crate::segment::jieba;

use super::class::is_han;

/// Marks after which a title line may end although they are not Han (GB/T 15834 closing and
/// pause marks), and marks before which it may start (opening marks).
const CLOSING: &str = "》」』）”’】〕、，。；：！？";
const OPENING: &str = "《「『（“‘【〔";

/// The char offsets of `text` between words where a title line may end: jieba's word
/// boundaries, kept only where the break is also allowed typographically (never before a
/// closing mark, after an opening one, or inside a run of Latin letters and digits).
pub fn word_breaks(text: &str) -> Vec<usize> {
    let chars: Vec<char> = text.chars().collect();
    let ok = |l: char, r: char| {
        (is_han(l) || CLOSING.contains(l) || l == ' ') && (is_han(r) || OPENING.contains(r))
    };
    jieba()
        .cut(text, true)
        .iter()
        .map(|t| t.end)
        .filter(|&e| e > 0 && e < chars.len() && ok(chars[e - 1], chars[e]))
        .collect()
}

/// Candidates (line starts, word breaks and the end) beyond which a title is filled greedily
/// instead of balanced: `arrange` takes lines × n² memory and up to lines × n³ steps, so a
/// 1 000-character heading took seconds and 550 MB, 6 000 rare characters (one word each) more
/// than the memory there is. A title of the standard's shape has a few dozen.
const MAX_CANDIDATES: usize = 128;

/// Lines beyond which a title is filled greedily: past a handful of lines it is a paragraph set
/// as a heading, and no trapezoid or diamond is to be had (GB/T 9704 §7.3.1 speaks of titles
/// that turn over once or twice).
const MAX_LINES: usize = 8;

/// The char offsets where lines 2, 3… of a title start, so that every line fits `avail` (in the
/// unit of `advance`) and the lines are as even as the word boundaries allow; empty when the
/// title fits on one line. `None` when some word is longer than a line: the ordinary line
/// breaker must then break inside it. A title with more than `MAX_CANDIDATES` word breaks or
/// `MAX_LINES` lines is filled greedily between words, in linear time.
pub fn breaks(text: &str, advance: impl Fn(char) -> f32, avail: f32) -> Option<Vec<usize>> {
    let widths: Vec<f32> = text.chars().map(&advance).collect();
    let total: f32 = widths.iter().sum();
    if total <= avail {
        return Some(Vec::new());
    }
    // Prefix sums over the candidate positions 0, the word breaks, and the end.
    let mut at = vec![0];
    at.extend(word_breaks(text));
    at.push(widths.len());
    let mut sum = vec![0.0f32; widths.len() + 1];
    for (i, w) in widths.iter().enumerate() {
        sum[i + 1] = sum[i] + w;
    }
    let width = |a: usize, b: usize| sum[at[b]] - sum[at[a]];
    let n = at.len();
    // First fit gives the fewest lines there can be, and says whether a word is too long.
    let greedy = fill(n, &width, avail)?;
    let fewest = greedy.len() + 1;
    if n > MAX_CANDIDATES || fewest > MAX_LINES {
        return Some(greedy.into_iter().map(|i| at[i]).collect());
    }
    // The fewest lines in the standard's shape; only where no arrangement of the word breaks
    // has it, the fewest lines at all.
    let starts = (fewest..=MAX_LINES.min(n - 1))
        .find_map(|lines| arrange(n, &width, lines, total, avail, true))
        .or_else(|| arrange(n, &width, fewest, total, avail, false))?;
    Some(starts.into_iter().map(|i| at[i]).collect())
}

/// The candidates where lines 2… start when candidates `0..n` are set first fit: each line
/// takes as many as fit in `avail`. `None` when a word alone is wider than `avail`.
fn fill(n: usize, width: &impl Fn(usize, usize) -> f32, avail: f32) -> Option<Vec<usize>> {
    let mut starts = Vec::new();
    let mut start = 0;
    for j in 1..n {
        if width(j - 1, j) > avail {
            return None;
        }
        if width(start, j) > avail {
            start = j - 1;
            starts.push(start);
        }
    }
    Some(starts)
}

/// Whether a line is going up (each line at least as long as the one before) or, past the
/// widest line, down (each at most as long).
#[derive(Clone, Copy, PartialEq)]
enum Slope {
    Up,
    Down,
}

/// The candidates (indices into `0..n`) where lines 2… start when candidates `0..n` are set as
/// `lines` lines of at most `avail`, their lengths as close to even as they can be (least sum of
/// squares from the mean). With `shaped`, only arrangements that are a trapezoid (梯形) or a
/// diamond (菱形), §7.3.1: the lengths rise, then fall — no line shorter than both of its
/// neighbours, the hourglass a balanced 15/13/15 would make.
fn arrange(
    n: usize,
    width: &impl Fn(usize, usize) -> f32,
    lines: usize,
    total: f32,
    avail: f32,
    shaped: bool,
) -> Option<Vec<usize>> {
    // Lengths that differ by less than this are equal (the unit is that of the advances).
    let eps = avail * 1e-4;
    let target = total / lines as f32;
    let slope = |s: Slope| usize::from(s == Slope::Down);
    // best[k][(i * n + j) * 2 + slope]: the least cost of setting candidates 0..j as k + 1
    // lines whose last line runs from i to j, and the state it came from.
    let index = |i: usize, j: usize, s: Slope| (i * n + j) * 2 + slope(s);
    let mut best: Vec<Vec<Option<(f32, usize)>>> = vec![vec![None; n * n * 2]; lines];
    for j in 1..n {
        let w = width(0, j);
        if w <= avail {
            best[0][index(0, j, Slope::Up)] = Some(((w - target).powi(2), usize::MAX));
        }
    }
    for k in 1..lines {
        for i in 1..n {
            for h in 0..i {
                let prev = width(h, i);
                for s in [Slope::Up, Slope::Down] {
                    let Some((cost, _)) = best[k - 1][index(h, i, s)] else {
                        continue;
                    };
                    for j in i + 1..n {
                        let w = width(i, j);
                        if w > avail {
                            break;
                        }
                        let next = if !shaped || w >= prev - eps {
                            if s == Slope::Down && shaped && w > prev + eps {
                                continue;
                            }
                            s
                        } else {
                            Slope::Down
                        };
                        let c = cost + (w - target).powi(2);
                        let at = index(i, j, next);
                        if best[k][at].is_none_or(|(b, _)| c < b) {
                            best[k][at] = Some((c, index(h, i, s)));
                        }
                    }
                }
            }
        }
    }
    // The cheapest state that ends at the last candidate, then back along its parents.
    let (mut state, _) = (0..n)
        .flat_map(|i| [Slope::Up, Slope::Down].map(|s| index(i, n - 1, s)))
        .filter_map(|at| best[lines - 1][at].map(|(c, _)| (at, c)))
        .min_by(|a, b| a.1.total_cmp(&b.1))?;
    let mut starts = Vec::with_capacity(lines - 1);
    for k in (1..lines).rev() {
        starts.push(state / 2 / n);
        state = best[k][state]?.1;
    }
    starts.reverse();
    Some(starts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn em(_: char) -> f32 {
        1.0
    }

    fn lines(text: &str, avail: f32) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let starts = breaks(text, em, avail).expect("breakable");
        let mut bounds = vec![0];
        bounds.extend(starts);
        bounds.push(chars.len());
        bounds
            .windows(2)
            .map(|w| chars[w[0]..w[1]].iter().collect())
            .collect()
    }

    #[test]
    fn a_short_title_is_one_line() {
        assert_eq!(
            lines("关于做好安全生产工作的通知", 20.0),
            ["关于做好安全生产工作的通知"]
        );
    }

    #[test]
    fn long_titles_break_between_words_into_even_lines() {
        let title = "关于深入开展城乡人居环境综合整治和农村生活垃圾分类处理工作进一步加强基层治理能力建设的实施意见";
        let got = lines(title, 20.0);
        assert!(got.len() == 3, "{got:?}");
        let words = word_breaks(title);
        let mut at = 0;
        for line in &got[..got.len() - 1] {
            at += line.chars().count();
            assert!(words.contains(&at), "break inside a word: {got:?}");
        }
        let lens: Vec<usize> = got.iter().map(|l| l.chars().count()).collect();
        let (min, max) = (lens.iter().min().unwrap(), lens.iter().max().unwrap());
        assert!(max - min <= 4, "{got:?}");
        assert!(!got.concat().contains("深入开\n"));
    }

    /// GB/T 9704 §7.3.1: a trapezoid or a diamond — no line shorter than both neighbours.
    fn shaped(lines: &[String]) -> bool {
        let lens: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
        lens.windows(3).all(|w| w[1] >= w[0].min(w[2]))
    }

    /// Titles of 40–50 characters, set 20 to a line as the 2号 title on the 156 mm measure.
    const LONG: [&str; 4] = [
        "关于转发省人民政府办公厅关于进一步加强城市地下管线建设管理和安全运行工作通知的通知",
        "关于做好全市2026年度安全生产和消防工作以及冬季防火防灾减灾救灾应急管理工作的通知",
        "关于加快推进全市中小学校舍安全工程和义务教育学校标准化建设以及教师队伍建设的若干意见",
        "关于深入开展城乡人居环境综合整治和农村生活垃圾分类处理工作进一步加强基层治理能力建设的实施意见",
    ];

    // See: the audit of issue 14 (a 43-character title set 15/13/15, an hourglass).
    #[test]
    fn three_line_titles_are_trapezoids_or_diamonds_never_hourglasses() {
        let mut hourglasses = 0;
        for title in LONG {
            let got = lines(title, 20.0);
            assert!(shaped(&got), "{got:?}");
            assert_eq!(got.concat(), title);
            let words = word_breaks(title);
            let mut at = 0;
            for line in &got[..got.len() - 1] {
                at += line.chars().count();
                assert!(words.contains(&at), "break inside a word: {got:?}");
            }
            // The evenest lines without the shape, to show these titles would make one.
            let chars: Vec<char> = title.chars().collect();
            let mut cand = vec![0];
            cand.extend(word_breaks(title));
            cand.push(chars.len());
            let width = |a: usize, b: usize| (cand[b] - cand[a]) as f32;
            let total = chars.len() as f32;
            let even = arrange(cand.len(), &width, got.len(), total, 20.0, false).unwrap();
            let mut bounds = vec![0];
            bounds.extend(even.iter().map(|&i| cand[i]));
            bounds.push(chars.len());
            let even: Vec<String> = bounds
                .windows(2)
                .map(|w| chars[w[0]..w[1]].iter().collect())
                .collect();
            hourglasses += usize::from(!shaped(&even));
        }
        assert!(hourglasses > 0, "no title here would make an hourglass");
    }

    #[test]
    fn no_line_starts_with_a_closing_mark() {
        let got = lines(
            "关于印发《城市道路桥梁养护管理办法》和《城市照明设施维护规程》的通知",
            18.0,
        );
        for line in &got {
            assert!(!line.starts_with(|c| CLOSING.contains(c)), "{got:?}");
            assert!(!line.ends_with(|c| OPENING.contains(c)), "{got:?}");
        }
    }

    #[test]
    fn a_word_longer_than_the_line_is_left_to_the_line_breaker() {
        assert_eq!(breaks("中华人民共和国", em, 3.0), None);
        let long = "关于".repeat(200) + "中华人民共和国";
        assert_eq!(breaks(&long, em, 3.0), None);
    }

    #[test]
    fn first_fit_gives_the_fewest_lines() {
        for title in LONG {
            let chars = title.chars().count();
            let mut cand = vec![0];
            cand.extend(word_breaks(title));
            cand.push(chars);
            let width = |a: usize, b: usize| (cand[b] - cand[a]) as f32;
            let fewest = fill(cand.len(), &width, 20.0).unwrap().len() + 1;
            let n = cand.len();
            assert!(arrange(n, &width, fewest, chars as f32, 20.0, false).is_some());
            assert!(arrange(n, &width, fewest - 1, chars as f32, 20.0, false).is_none());
        }
    }

    // See: issue 24 (a 1 000-character heading took seconds and 550 MB; 6 000 one-character
    // words asked for 1.7 GB at once).
    #[test]
    fn long_titles_are_filled_between_words_in_bounded_time() {
        let common =
            "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工";
        let rare: Vec<char> = (0x9E00..0x9F00).filter_map(char::from_u32).collect();
        let texts = [
            common.chars().cycle().take(1_000).collect::<String>(),
            rare.iter().cycle().take(6_000).collect(),
        ];
        for text in texts {
            let start = std::time::Instant::now();
            let got = lines(&text, 20.0);
            assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
            assert_eq!(got.concat(), text);
            assert!(got.iter().all(|l| l.chars().count() <= 20));
            let words = word_breaks(&text);
            let mut at = 0;
            for line in &got[..got.len() - 1] {
                at += line.chars().count();
                assert!(words.contains(&at), "break inside a word");
            }
            // Filled: no line but the last could have taken the next one's first word.
            let fewest = text.chars().count().div_ceil(20);
            assert!(got.len() <= fewest + fewest / 4, "{} lines", got.len());
        }
    }

    /// The most work balancing can take: as many candidates as it balances, nearly all of
    /// them fitting on one line, so every pair of breaks is a line.
    #[test]
    fn balancing_at_its_bounds_is_quick() {
        let text: String = (0x9E00..)
            .filter_map(char::from_u32)
            .take(MAX_CANDIDATES - 1)
            .collect();
        assert!(word_breaks(&text).len() > MAX_CANDIDATES / 2);
        // From two lines to eight.
        for step in [16, 32, 64] {
            let wide: Vec<char> = text.chars().step_by(step).collect();
            let advance = |c: char| if wide.contains(&c) { 1.0 } else { 0.001 };
            let start = std::time::Instant::now();
            let got = breaks(&text, advance, 1.5);
            assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
            assert!(got.is_some_and(|b| !b.is_empty()));
        }
    }
}
