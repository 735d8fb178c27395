//! One syllable's spelling: the tables store ASCII with a tone digit (`zhong1`, `lv4`, `de5`);
//! readers get tone marks (`zhōng`), tone numbers (`zhong1`, `lü4`) or 注音符号 (`ㄓㄨㄥ`).

/// How a syllable is written over its character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Spelling {
    /// Hanyu Pinyin with tone marks (`hàn`), the default.
    #[default]
    Marks,
    /// Hanyu Pinyin with a tone digit (`han4`), 5 for the neutral tone.
    Numbers,
    /// 注音符号 with their tone marks (`ㄏㄢˋ`; the neutral tone's dot before the syllable).
    Zhuyin,
}

/// The tone digit of a stored syllable (1–5).
pub fn tone(syllable: &str) -> u8 {
    syllable.bytes().last().map_or(5, |b| b.wrapping_sub(b'0'))
}

/// The letters of a stored syllable without its tone digit.
fn letters(syllable: &str) -> &str {
    syllable.trim_end_matches(|c: char| c.is_ascii_digit())
}

/// `syllable` (stored form) written as `spelling` asks.
pub fn spell(syllable: &str, spelling: Spelling) -> String {
    match spelling {
        Spelling::Marks => marked(syllable),
        Spelling::Numbers => format!("{}{}", letters(syllable).replace('v', "ü"), tone(syllable)),
        Spelling::Zhuyin => zhuyin(syllable),
    }
}

/// Tone marks on the vowel the Pinyin rules choose: `a` or `e` when present, the `o` of `ou`,
/// else the last vowel (`liù`, `guì`); `ü` for `v`.
fn marked(syllable: &str) -> String {
    const MARKED: [(char, [char; 4]); 7] = [
        ('a', ['ā', 'á', 'ǎ', 'à']),
        ('e', ['ē', 'é', 'ě', 'è']),
        ('i', ['ī', 'í', 'ǐ', 'ì']),
        ('o', ['ō', 'ó', 'ǒ', 'ò']),
        ('u', ['ū', 'ú', 'ǔ', 'ù']),
        ('v', ['ǖ', 'ǘ', 'ǚ', 'ǜ']),
        ('n', ['n', 'ń', 'ň', 'ǹ']),
    ];
    let bare = letters(syllable);
    let tone = tone(syllable);
    let vowel = |c: char| "aeiouv".contains(c);
    let at = if let Some(i) = bare.find(['a', 'e']) {
        Some(i)
    } else if let Some(i) = bare.find("ou") {
        Some(i)
    } else {
        bare.rfind(vowel).or_else(|| bare.find('n'))
    };
    bare.char_indices()
        .map(|(i, c)| {
            let plain = if c == 'v' { 'ü' } else { c };
            if Some(i) != at || !(1..=4).contains(&tone) {
                return plain;
            }
            MARKED
                .iter()
                .find(|(v, _)| *v == c)
                .map_or(plain, |(_, forms)| forms[usize::from(tone - 1)])
        })
        .collect()
}

/// 注音符号 for a syllable: initial, medial and rhyme, then the tone mark (none for the first
/// tone; the neutral tone's `˙` goes before the syllable, as Taiwanese textbooks print it).
fn zhuyin(syllable: &str) -> String {
    const INITIALS: [(&str, char); 21] = [
        ("zh", 'ㄓ'),
        ("ch", 'ㄔ'),
        ("sh", 'ㄕ'),
        ("b", 'ㄅ'),
        ("p", 'ㄆ'),
        ("m", 'ㄇ'),
        ("f", 'ㄈ'),
        ("d", 'ㄉ'),
        ("t", 'ㄊ'),
        ("n", 'ㄋ'),
        ("l", 'ㄌ'),
        ("g", 'ㄍ'),
        ("k", 'ㄎ'),
        ("h", 'ㄏ'),
        ("j", 'ㄐ'),
        ("q", 'ㄑ'),
        ("x", 'ㄒ'),
        ("r", 'ㄖ'),
        ("z", 'ㄗ'),
        ("c", 'ㄘ'),
        ("s", 'ㄙ'),
    ];
    const RHYMES: [(&str, &str); 15] = [
        ("a", "ㄚ"),
        ("o", "ㄛ"),
        ("e", "ㄜ"),
        ("ai", "ㄞ"),
        ("ei", "ㄟ"),
        ("ao", "ㄠ"),
        ("ou", "ㄡ"),
        ("an", "ㄢ"),
        ("en", "ㄣ"),
        ("n", "ㄣ"),
        ("ang", "ㄤ"),
        ("eng", "ㄥ"),
        ("ng", "ㄥ"),
        ("er", "ㄦ"),
        ("", ""),
    ];
    let bare = letters(syllable);
    let mut out = String::new();
    let (initial, rest) = match INITIALS.iter().find(|(p, _)| bare.starts_with(p)) {
        Some((p, c)) if bare.len() > p.len() => (Some(*c), &bare[p.len()..]),
        _ => (None, bare),
    };
    // The full final behind y-/w- spellings and the shortened iu, ui, un (and u for ü after
    // j, q, x), per the Scheme for the Chinese Phonetic Alphabet (1958).
    let fin: String = match (initial, rest) {
        (None, r) if r.starts_with("yi") || r.starts_with("wu") => r[1..].to_owned(),
        (None, r) if r.starts_with("yu") => format!("v{}", &r[2..]),
        (None, r) if r.starts_with('y') => format!("i{}", &r[1..]),
        (None, r) if r.starts_with('w') => format!("u{}", &r[1..]),
        (Some('ㄐ' | 'ㄑ' | 'ㄒ'), r) if r.starts_with('u') => format!("v{}", &r[1..]),
        (Some(_), "iu") => "iou".into(),
        (Some(_), "ui") => "uei".into(),
        (Some(_), "un") => "uen".into(),
        (_, r) => r.to_owned(),
    };
    if tone(syllable) == 5 {
        out.push('˙');
    }
    out.extend(initial);
    let buzz = matches!(
        initial,
        Some('ㄓ' | 'ㄔ' | 'ㄕ' | 'ㄖ' | 'ㄗ' | 'ㄘ' | 'ㄙ')
    );
    match fin.as_str() {
        "i" if buzz => {}
        "ong" => out.push_str("ㄨㄥ"),
        "iong" => out.push_str("ㄩㄥ"),
        "m" | "ng" if initial.is_none() => out.push(if fin == "m" { 'ㄇ' } else { 'ㄫ' }),
        f => {
            let (medial, rhyme) = match f.chars().next() {
                Some(m @ ('i' | 'u' | 'v')) => (Some(m), &f[1..]),
                _ => (None, f),
            };
            out.extend(medial.map(|m| match m {
                'i' => 'ㄧ',
                'u' => 'ㄨ',
                _ => 'ㄩ',
            }));
            match rhyme {
                "e" if medial.is_some() => out.push('ㄝ'),
                "ê" => out.push('ㄝ'),
                r => match RHYMES.iter().find(|(p, _)| *p == r) {
                    Some((_, z)) => out.push_str(z),
                    // Not a Mandarin final: the Pinyin stays readable.
                    None => return marked(syllable),
                },
            }
        }
    }
    match tone(syllable) {
        2 => out.push('ˊ'),
        3 => out.push('ˇ'),
        4 => out.push('ˋ'),
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_sit_on_the_vowel_the_rules_choose() {
        let cases = [
            ("hao3", "hǎo"),
            ("liu4", "liù"),
            ("gui4", "guì"),
            ("zhou1", "zhōu"),
            ("lve4", "lüè"),
            ("lv3", "lǚ"),
            ("de5", "de"),
            ("er2", "ér"),
            ("n2", "ń"),
        ];
        for (stored, want) in cases {
            assert_eq!(spell(stored, Spelling::Marks), want, "{stored}");
        }
        assert_eq!(spell("lv4", Spelling::Numbers), "lü4");
    }

    #[test]
    fn zhuyin_follows_the_scheme() {
        let cases = [
            ("zhong1", "ㄓㄨㄥ"),
            ("shi4", "ㄕˋ"),
            ("xue2", "ㄒㄩㄝˊ"),
            ("yong3", "ㄩㄥˇ"),
            ("you3", "ㄧㄡˇ"),
            ("liu2", "ㄌㄧㄡˊ"),
            ("gui4", "ㄍㄨㄟˋ"),
            ("lun4", "ㄌㄨㄣˋ"),
            ("jun1", "ㄐㄩㄣ"),
            ("wo3", "ㄨㄛˇ"),
            ("yuan2", "ㄩㄢˊ"),
            ("ying1", "ㄧㄥ"),
            ("de5", "˙ㄉㄜ"),
            ("er2", "ㄦˊ"),
            ("ye3", "ㄧㄝˇ"),
            ("lv4", "ㄌㄩˋ"),
        ];
        for (stored, want) in cases {
            assert_eq!(spell(stored, Spelling::Zhuyin), want, "{stored}");
        }
    }
}
