//! Which font families serve a role, by the document's script, and which Debian package would
//! supply a role that falls back to the bundled face.
//!
//! The lists hold the names fonts carry in their `name` table (any language, matched without
//! regard to case) or their PostScript name, best first: the faces Windows and macOS ship, the
//! free faces of the Chinese TeX distributions and Linux packages, then look-alikes.

use super::Role;
use crate::normalize::lang::Script;

/// 宋/明 serifs for Traditional Chinese: body, headings and title of a zh-Hant document.
const HANT_SERIF: &[&str] = &[
    "Noto Serif CJK TC",
    "Source Han Serif TC",
    "思源宋體",
    "Noto Serif TC",
    "Songti TC",
    "PMingLiU",
    "新細明體",
    "MingLiU",
    "細明體",
    "AR PL UMing TW",
    "AR PL UMing HK",
    "AR PL New Sung",
    "AR PL UMing TW MBE",
];

/// Korean serifs (명조/바탕).
const KOREAN_SERIF: &[&str] = &[
    "Noto Serif CJK KR",
    "Source Han Serif K",
    "Source Han Serif KR",
    "Noto Serif KR",
    "AppleMyungjo",
    "Batang",
    "바탕",
    "NanumMyeongjo",
    "나눔명조",
    "UnBatang",
];

/// Japanese serifs (明朝).
const JAPANESE_SERIF: &[&str] = &[
    "Noto Serif CJK JP",
    "Source Han Serif",
    "Source Han Serif JP",
    "Noto Serif JP",
    "Hiragino Mincho ProN",
    "Yu Mincho",
    "游明朝",
    "MS Mincho",
    "ＭＳ 明朝",
    "IPAexMincho",
    "IPAMincho",
    "TakaoMincho",
];

/// 仿宋 (GB/T 9704 body text).
const FANGSONG: &[&str] = &[
    "仿宋",
    "FangSong",
    "仿宋_GB2312",
    "FangSong_GB2312",
    "STFangsong",
    "华文仿宋",
    "方正仿宋简体",
    "FZFangSong-Z02S",
    "FandolFang",
    "cwTeX Q Fangsong",
    "cwTeXFangSong",
    "cwTeX 仿宋體",
];

/// 楷体 (GB/T 9704 level-2 headings).
const KAI: &[&str] = &[
    "楷体",
    "KaiTi",
    "楷体_GB2312",
    "KaiTi_GB2312",
    "STKaiti",
    "华文楷体",
    "Kaiti SC",
    "LXGW WenKai",
    "霞鹜文楷",
    "FandolKai",
    "AR PL UKai CN",
    "AR PL UKai",
    "AR PL KaitiM GB",
    "AR PL UKai TW",
    "AR PL UKai HK",
    "cwTeX Q Kai",
];

/// Traditional 楷: tried before `KAI` in a zh-Hant document.
const HANT_KAI: &[&str] = &[
    "標楷體",
    "DFKai-SB",
    "Kaiti TC",
    "AR PL UKai TW",
    "AR PL UKai HK",
];

/// 黑体 (GB/T 9704 level-1 headings).
const HEI: &[&str] = &[
    "黑体",
    "SimHei",
    "STHeiti",
    "华文黑体",
    "Heiti SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "思源黑体",
    "Noto Sans SC",
    "Microsoft YaHei",
    "微软雅黑",
    "PingFang SC",
    "WenQuanYi Zen Hei",
    "文泉驿正黑",
    "WenQuanYi Micro Hei",
    "FandolHei",
];

/// Traditional 黑: tried before `HEI` in a zh-Hant document.
const HANT_HEI: &[&str] = &[
    "Noto Sans CJK TC",
    "Source Han Sans TC",
    "Noto Sans TC",
    "Microsoft JhengHei",
    "微軟正黑體",
    "PingFang TC",
];

/// 小标宋 (the GB/T 9704 title). No free face exists; without one the bundled Bold keeps the
/// title heavier than the text.
const XIAOBIAOSONG: &[&str] = &[
    "方正小标宋简体",
    "方正小标宋_GBK",
    "FZXiaoBiaoSong-B05S",
    "FZXiaoBiaoSong-B05",
    "FZXBSJW--GB1-0",
];

/// The families to look for, best first, for a role in a script; empty where the bundled face
/// serves the role (Simplified body, headings, title, emphasis), so that a zh-Hans document comes
/// out the same on every machine. Code (`Mono`) is served by the bundled faces.
pub fn families(role: Role, script: Script) -> Vec<&'static str> {
    let serif = match script {
        Script::Hans => &[][..],
        Script::Hant => HANT_SERIF,
        Script::Korean => KOREAN_SERIF,
        Script::Japanese => JAPANESE_SERIF,
    };
    let hant = script == Script::Hant;
    match role {
        Role::Body | Role::Heading | Role::Title | Role::Emphasis => serif.to_vec(),
        Role::Mono => Vec::new(),
        Role::FangSong => FANGSONG.to_vec(),
        Role::Kai if hant => HANT_KAI.iter().chain(KAI).copied().collect(),
        Role::Kai => KAI.to_vec(),
        Role::Hei if hant => HANT_HEI.iter().chain(HEI).copied().collect(),
        Role::Hei => HEI.to_vec(),
        Role::XiaoBiaoSong => XIAOBIAOSONG.to_vec(),
    }
}

/// The Debian package that would supply a role of a script, where a free one fits: only a face
/// of the document's script (cwTeX 仿宋 is Big5: no Simplified document takes it, so Debian has
/// no free Simplified 仿宋; `fit::hint` says what to get instead).
pub fn debian_package(role: Role, script: Script) -> Option<&'static str> {
    match role {
        Role::FangSong if script == Script::Hant => Some("fonts-cwtex-fs"),
        Role::FangSong => None,
        Role::Kai if script == Script::Hant => Some("fonts-arphic-ukai"),
        Role::Kai => Some("fonts-lxgw-wenkai"),
        Role::Hei => Some("fonts-wqy-zenhei or fonts-noto-cjk"),
        Role::Body | Role::Heading | Role::Title | Role::Emphasis => match script {
            Script::Hans => None,
            Script::Hant => Some("fonts-arphic-uming or fonts-noto-cjk"),
            Script::Korean => Some("fonts-nanum or fonts-noto-cjk"),
            Script::Japanese => Some("fonts-ipafont-mincho"),
        },
        Role::Mono | Role::XiaoBiaoSong => None,
    }
}

/// The Debian package that would draw a character no face covers: CJK Extension A and B and
/// later (planes 2 and 3) come with fonts-hanazono, Hangul with fonts-nanum.
pub fn debian_package_for(c: char) -> Option<&'static str> {
    match u32::from(c) {
        0x3400..=0x4DBF | 0x2_0000..=0x3_FFFF => Some("fonts-hanazono"),
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Some("fonts-nanum"),
        _ => None,
    }
}

/// Whether this machine installs packages with apt (Debian, Ubuntu and their kin).
pub fn debian_like() -> bool {
    std::path::Path::new("/etc/debian_version").exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_serves_simplified_text_roles() {
        for role in [Role::Body, Role::Heading, Role::Title, Role::Emphasis] {
            assert!(families(role, Script::Hans).is_empty(), "{role}");
            assert!(!families(role, Script::Hant).is_empty(), "{role}");
        }
        assert!(families(Role::FangSong, Script::Hans).contains(&"仿宋"));
        assert_eq!(families(Role::Kai, Script::Hant)[0], "標楷體");
    }

    #[test]
    fn packages_for_roles_and_characters() {
        assert_eq!(
            debian_package(Role::Kai, Script::Hans),
            Some("fonts-lxgw-wenkai")
        );
        assert_eq!(
            debian_package(Role::Kai, Script::Hant),
            Some("fonts-arphic-ukai")
        );
        assert_eq!(debian_package(Role::FangSong, Script::Hans), None);
        assert_eq!(
            debian_package(Role::FangSong, Script::Hant),
            Some("fonts-cwtex-fs")
        );
        assert_eq!(debian_package(Role::Body, Script::Hans), None);
        assert_eq!(debian_package_for('𠀀'), Some("fonts-hanazono"));
        assert_eq!(debian_package_for('中'), None);
    }
}
