//! Words of Chinese text, by jieba's dictionary segmentation (`jieba-rs`): title lines break
//! between words, and pinyin is read word by word. One segmenter for the whole process, since
//! its dictionary takes a moment to build.

use std::sync::OnceLock;

use jieba_rs::Jieba;

/// The segmenter, loaded once.
pub fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}
