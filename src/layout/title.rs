//! Where a title that runs over lines breaks: only between words, into lines of balanced length.
//!
//! GB/T 9704-2012 §7.3.1: a title "回行时，要做到词意完整，排列对称，长短适宜，间距恰当，标题排列
//! 应当使用梯形或菱形" — each line keeps its words whole, and the centred lines form a trapezoid
//! or a diamond, not one full line over a short remainder. Words come from jieba's dictionary
//! segmentation (`jieba-rs`); the lines are the fewest that fit, with lengths as even as the word
//! boundaries allow, so centred they taper evenly.

use std::sync::OnceLock;

use jieba_rs::Jieba;

use super::class::is_han;

/// Marks after which a title line may end although they are not Han (GB/T 15834 closing and
/// pause marks), and marks before which it may start (opening marks).
const CLOSING: &str = "》」』）”’】〕、，。；：！？";
const OPENING: &str = "《「『（“‘【〔";

/// The segmenter, loaded once (its dictionary takes a moment to build).
fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

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

/// The char offsets where lines 2, 3… of a title start, so that every line fits `avail` (in the
/// unit of `advance`) and the lines are as even as the word boundaries allow; empty when the
/// title fits on one line. `None` when some word is longer than a line: the ordinary line
/// breaker must then break inside it.
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
    for lines in 2..n {
        let target = total / lines as f32;
        // best[k][j]: the least cost of setting candidates 0..j as k lines, and the last break.
        let mut best = vec![vec![None::<(f32, usize)>; n]; lines + 1];
        best[0][0] = Some((0.0, 0));
        for k in 1..=lines {
            for j in 1..n {
                for i in 0..j {
                    let Some((cost, _)) = best[k - 1][i] else {
                        continue;
                    };
                    let w = width(i, j);
                    if w > avail {
                        continue;
                    }
                    let c = cost + (w - target) * (w - target);
                    if best[k][j].is_none_or(|(b, _)| c < b) {
                        best[k][j] = Some((c, i));
                    }
                }
            }
        }
        if best[lines][n - 1].is_some() {
            let mut starts = Vec::with_capacity(lines - 1);
            let (mut k, mut j) = (lines, n - 1);
            while k > 1 {
                let (_, i) = best[k][j]?;
                starts.push(at[i]);
                j = i;
                k -= 1;
            }
            starts.reverse();
            return Some(starts);
        }
    }
    None
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
    }
}
