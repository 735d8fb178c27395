//! Readings the dictionary cannot decide: a polyphonic character that jieba leaves as a word of
//! its own (的/地/得, 着/了, 为, 还, 行, 长, 重, 种…), read from its neighbours and their parts of
//! speech (`single`; jieba's tags: `v` verb, `n` noun, `a` adjective, `d` adverb, `m` numeral,
//! `q` measure word, `r` pronoun, `u…` particles; ICTCLAS tag set); one inside a word the tables
//! do not list, read from its neighbour in the word (`within`); and a listed word that is two
//! words where it stands (`unlisted`: 地上铺着 is not the upper bunk). Surnames read apart from
//! their character's reading (单 Shàn) are read after 姓 and before a title.

/// A one-character word and the words around it.
pub struct Around<'a> {
    /// The word before (empty at the start of a sentence).
    pub prev: &'a str,
    /// Its part of speech.
    pub prev_tag: &'a str,
    /// The word after (empty at the end).
    pub next: &'a str,
    /// Its part of speech.
    pub next_tag: &'a str,
    /// The word after `next`.
    pub next2: &'a str,
    /// The word before `prev`.
    pub prev2: &'a str,
    /// All the words before this one (none where only the word's own characters are known).
    pub before: &'a [jieba_rs::Tag<'a>],
    /// All the words after this one (likewise).
    pub after: &'a [jieba_rs::Tag<'a>],
}

impl Around<'_> {
    fn prev_char(&self) -> Option<char> {
        self.prev.chars().next_back()
    }
    fn next_char(&self) -> Option<char> {
        self.next.chars().next()
    }
    fn prev_in(&self, set: &str) -> bool {
        self.prev_char().is_some_and(|c| set.contains(c))
    }
    fn next_in(&self, set: &str) -> bool {
        self.next_char().is_some_and(|c| set.contains(c))
    }
    fn prev_is(&self, tags: &[&str]) -> bool {
        tags.iter().any(|t| self.prev_tag.starts_with(t))
    }
    fn next_is(&self, tags: &[&str]) -> bool {
        tags.iter().any(|t| self.next_tag.starts_with(t))
    }
    /// The word after `next` begins with a Han character (not the sentence's end).
    fn more(&self) -> bool {
        self.next2.chars().next().is_some_and(super::is_han)
    }
    /// 了 next, closing the clause: 衣服干了。
    fn le_ends(&self) -> bool {
        self.next_in("了") && !self.more()
    }
    /// Nothing but punctuation or the end after.
    fn last(&self) -> bool {
        !self.next_char().is_some_and(super::is_han)
    }
    /// A verb that takes one thing as another earlier in the clause: 以人民为中心, 以“服务”为
    /// 主题, 拜木匠为师, 选小红为班长.
    fn framed(&self) -> bool {
        self.before
            .iter()
            .rev()
            .take(16)
            .take_while(|t| {
                !t.word
                    .starts_with(['，', '。', '；', '！', '？', '：', '\n'])
            })
            .any(|t| FRAMING.contains(&t.word))
    }
    /// One of `words` is part of a word earlier in the sentence: 打麻将…和了, 骗子…蒙了.
    fn mentions(&self, words: &[&str]) -> bool {
        self.before
            .iter()
            .rev()
            .take(24)
            .take_while(|t| !t.word.starts_with(['。', '！', '？', '\n']))
            .any(|t| words.iter().any(|w| t.word.contains(w)))
    }
    /// 把 is one of the last `n` words before this one: 把书落在家里, 把几味药和在一起.
    fn ba_within(&self, n: usize) -> bool {
        self.before.iter().rev().take(n).any(|t| t.word == "把")
    }
    /// The next `n` characters of the text after this word (across words).
    fn ahead(&self, n: usize) -> impl Iterator<Item = char> + '_ {
        self.after.iter().flat_map(|t| t.word.chars()).take(n)
    }
    /// The text after this word starts with `s`.
    fn ahead_is(&self, s: &str) -> bool {
        let mut it = self.ahead(s.chars().count());
        s.chars().all(|c| it.next() == Some(c))
    }
    /// A numeral, measure word or demonstrative before: `一行`, `这种`, `几只`.
    fn counted(&self) -> bool {
        self.prev_is(&["m", "q"])
            || self.prev_in("一二两三四五六七八九十百千万几这那哪每各某多半整")
    }
}

/// Animals one waters (饮 yìn) or herds: the word after 把 in 把马牵去饮一饮.
const ANIMALS: [&str; 12] = [
    "马", "牛", "羊", "驴", "骡", "骡子", "马匹", "牲口", "牛羊", "骆驼", "毛驴", "老牛",
];

/// Time words and adverbs after which 得 is must (明天一早得去, 马上得走).
const DEI_AFTER: [&str; 8] = [
    "一早", "马上", "早上", "迟早", "早晚", "赶紧", "赶快", "今后",
];

/// States and feelings whose degree 得 leads to (热得, 气得, 脸红得), though jieba tags them nouns.
const STATES: &str = "热冷气急饿累痛疼怕吓乐笑哭忙红亮美香甜胖瘦困渴羞冻憋闷烦愁恨恼馋吵醉静";

/// Verbs that take one thing as another, for a 为 after them in the clause (wéi).
const FRAMING: [&str; 16] = [
    "以", "拜", "选", "推选", "推举", "选举", "评", "评选", "任命", "聘", "聘请", "称", "封", "尊",
    "奉", "立",
];

/// What one gains: 得实惠, 得好处 (not must).
const OBTAINED: [&str; 9] = [
    "实惠", "好处", "便宜", "冠军", "第一", "满分", "高分", "益处", "民心",
];

/// Degree adverbs and negation that come before an adjective: `很长`, `太重`, `不干`.
const DEGREE: &str = "很太真挺更最极好多这那么较稍越不没特非";
/// Verbs after which `着` is the result `zháo` (`睡着了`, `找着`, `猜不着`).
const ZHAO_VERBS: &str = "睡找猜够摸逮碰见烧点着抓借买用打捞够犯";
/// Verbs of motion after which 过 is crossing, guò, where the place crossed follows (走过草地,
/// 飞过高山); after any other verb it is the aspect particle (吃过, 去过两次).
const CROSSING: &str = "走跑飞跳穿越跨翻爬游渡闪掠划擦绕涌驶冲漫淌流吹刮飘钻挤溜迈跃蹚滑";

/// Verbs written as one word with the 过 after them (`看过`, `吃过` are words to jieba).
const DONE_VERBS: &str =
    "吃看去来见听说做学住用试想读写玩讲问打买卖坐唱洗画拍尝找查考演练搬养爱哭笑喝抽到遇碰种教租借";

/// Verbs whose object `还` returns (`归还`…) written apart from it.
const HUAN_AFTER: &str = "借归偿退送交奉";

/// Surnames read otherwise than the character's commonest reading (单 Shàn, 仇 Qiú, 区 Ōu).
const SURNAMES: [(char, &str); 21] = [
    ('单', "shan4"),
    ('翟', "zhai2"),
    ('员', "yun4"),
    ('能', "nai4"),
    ('过', "guo1"),
    ('纪', "ji3"),
    ('种', "chong2"),
    ('燕', "yan1"),
    ('仇', "qiu2"),
    ('任', "ren2"),
    ('区', "ou1"),
    ('曾', "zeng1"),
    ('解', "xie4"),
    ('朴', "piao2"),
    ('查', "zha1"),
    ('盖', "ge3"),
    // 尉 alone is Wèi (尉缭); Yù only in the compound 尉迟, which the tables list.
    ('尉', "wei4"),
    ('缪', "miao4"),
    ('覃', "qin2"),
    ('肖', "xiao1"),
    ('葛', "ge3"),
];

/// Posts in a group or body, which 为 (wéi) before them names someone's: 王明为组长.
const ROLES: [&str; 12] = [
    "成员",
    "组长",
    "副组长",
    "组员",
    "委员",
    "主任",
    "副主任",
    "主席",
    "顾问",
    "会长",
    "秘书长",
    "召集人",
];

/// Compound surnames whose first character reads otherwise than as a surname alone.
const COMPOUND_SURNAMES: [[char; 2]; 3] = [['尉', '迟'], ['万', '俟'], ['单', '于']];

/// Surnames read apart only after 姓 and before a title (华主任 Huà, 宁师傅 Nìng): jieba tags as
/// names too many words they begin that are not (华尔兹, 华容县), so `name` leaves them.
const TITLED_SURNAMES: [(char, &str); 6] = [
    ('华', "hua4"),
    ('召', "shao4"),
    ('宁', "ning4"),
    ('繁', "po2"),
    ('洗', "xian3"),
    ('折', "she2"),
];

/// The surname reading of `c`, if it is one of either list.
fn surname(c: char) -> Option<&'static str> {
    SURNAMES
        .iter()
        .chain(&TITLED_SURNAMES)
        .find(|(s, _)| *s == c)
        .map(|&(_, reading)| reading)
}

/// What a 坊 before which is a workshop makes or does (豆腐坊, 油坊, 染坊 fáng; 牌坊 fāng).
const WORKSHOPS: &str = "腐油染粉磨酒糖醋面纸";

/// Words after a surname: 单老师, 仇叔叔.
const TITLES: [&str; 20] = [
    "老师",
    "先生",
    "女士",
    "同学",
    "叔叔",
    "阿姨",
    "教授",
    "师傅",
    "大爷",
    "奶奶",
    "爷爷",
    "经理",
    "医生",
    "校长",
    "主任",
    "大夫",
    "老先生",
    "老太太",
    "书记",
    "局长",
];

/// Places whose name reads a character otherwise (山西洪洞 Hóngtóng, 大宛 Dàyuān, the state of
/// 燕 Yān): the word or the start of a longer one (洪洞县), the character's place, its reading.
const PLACES: [(&str, usize, &str); 13] = [
    ("高句丽", 1, "gou1"),
    ("筠连", 0, "jun1"),
    ("浚县", 0, "xun4"),
    ("繁峙", 1, "shi4"),
    ("涡阳", 0, "guo1"),
    ("洪洞", 1, "tong2"),
    ("大宛", 1, "yuan1"),
    ("燕国", 0, "yan1"),
    ("燕山", 0, "yan1"),
    ("燕京", 0, "yan1"),
    ("燕赵", 0, "yan1"),
    ("尉氏", 0, "yu4"),
    ("尉犁", 0, "yu4"),
];

/// A place of [`PLACES`] that `word` names or begins with: the character's place and reading.
pub fn place(word: &str) -> Option<(usize, &'static str)> {
    PLACES
        .iter()
        .find(|(name, ..)| word.starts_with(name))
        .map(|&(_, i, reading)| (i, reading))
}

/// The reading of a surname beginning a word jieba tags as a person's name of three characters
/// (曾国藩 Zēng, 种师道 Chóng, 翟志刚 Zhái). jieba's dictionary tags as names many two-character
/// words that are not (朴素, 燕子), and 能 and 任 start three-character ones (能之士, 任东南)
/// where they are the verbs.
pub fn name(word: &[char], tag: &str) -> Option<&'static str> {
    if tag != "nr" || word.len() != 3 || "能任".contains(word[0]) {
        return None;
    }
    // A compound surname reads as the tables list it (尉迟恭 Yùchí, 万俟卨 Mòqí).
    if COMPOUND_SURNAMES.contains(&[word[0], word[1]]) {
        return None;
    }
    SURNAMES
        .iter()
        .find(|(s, _)| *s == word[0])
        .map(|&(_, reading)| reading)
}

/// The reading of `c` standing alone as a word between its neighbours, where a rule knows it.
pub fn single(c: char, at: &Around) -> Option<&'static str> {
    // A surname after 姓, or before a title at the start of a clause.
    if let Some(reading) = surname(c) {
        let starts = at.prev.is_empty() || !at.prev.chars().any(super::is_han);
        // 由单主任负责; but 任 before a title after a word is serving (曾任校长), 能 able
        // (这题能老师来讲吗).
        let titled = TITLES.contains(&at.next) && (starts || !"任能".contains(c));
        if at.prev == "姓" || titled {
            return Some(reading);
        }
    }
    let reading = match c {
        // Classical patterns: 所恶 what one hates, 好之者 who loves it, 亡以应 had nothing to
        // answer, 冠者 the capped (grown men), 贾人 a merchant, 强饮 drinking though unwilling,
        // 率妻子 leading, 塞下 the frontier, 欲降之。 to make surrender (降之百福 sends down),
        // 属予 entrusting me, 调素琴 tuning, 燕然 the mountain, 长乎尔 older than, 数言 saying
        // again and again.
        '恶' if at.prev == "所" => "wu4",
        // Verse: 马作的卢飞快 (the horse 的卢), 了却君王天下事.
        '的' if at.next == "卢" => "di2",
        '了' if at.next == "却" => "liao3",
        '好' if at.next == "之" && at.next2.starts_with('者') => "hao4",
        '亡' if at.next == "以" => "wu2",
        '冠' if at.next == "者" => "guan4",
        // 夺了冠: the title won.
        '冠' if at.prev == "了" && at.prev2.ends_with(['夺', '摘']) => "guan4",
        '贾' if at.next == "人" => "gu3",
        '强' if at.next == "饮" => "qiang3",
        '率' if at.next_in("妻众兵军部师") => "shuai4",
        '塞' if at.next_in("下外北") && !at.prev.chars().any(super::is_han) => "sai4",
        '降' if at.next == "之" && !at.more() => "xiang2",
        '属' if at.next_in("予余") => "zhu3",
        '调' if at.next_in("琴弦") || at.next2.starts_with('琴') => "tiao2",
        '燕' if at.next == "然" => "yan1",
        '长' if at.next == "乎" => "zhang3",
        '数' if at.next == "言" => "shuo4",
        // 曾不能: not even, opening a clause.
        '曾' if at.next.starts_with('不') && !at.prev.chars().any(super::is_han) => "zeng1",
        // 予独爱莲: I, opening a clause (给予, 予以 give).
        '予' if !at.prev.chars().any(super::is_han) && !at.next_in("以") => "yu2",
        // 夫战，: the particle opening a sentence.
        '夫' if at.prev.is_empty() && at.next2.starts_with('，') => "fu2",
        // 战车千乘: chariots counted.
        '乘' if at.prev_in("千万百")
            && at.prev.chars().count() == 1
            && (at.last() || at.next_in("兵车之")) =>
        {
            "sheng4"
        }
        // 麦垛, 草垛: a stack.
        // 一垛柴火: a stack, counted.
        '垛' if at.prev.ends_with(['麦', '草', '柴', '稻']) || at.counted() => "duo4",
        // 饭特别粘: sticky.
        '粘' if at.prev_in(DEGREE) || at.prev_is(&["d"]) && at.last() => "nian2",
        // 说话太横: rude.
        '横' if at.prev_in(DEGREE) && (at.last() || at.next_in("了的")) => "heng4",
        // 说话横得很: rude.
        '横' if at.next_in("得") && at.mentions(&["说话", "态度", "脾气", "口气"]) => {
            "heng4"
        }
        // 窗边的小几上: a small table.
        '几' if at.prev.ends_with('小') && at.next_in("上") => "ji1",
        // 守军终于降了: surrendered.
        '降' if at.le_ends() && at.mentions(&["守军", "敌军", "敌人", "叛军", "残军"]) => {
            "xiang2"
        }
        // 他都没应: did not answer.
        '应' if (at.prev == "没" || at.prev == "没有") && at.last() => "ying4",
        // 去公园里转转: strolling.
        '转' if at.next.starts_with('转') => "zhuan4",
        // 木直中绳: meeting the line.
        '中' if at.next_in("绳规") && at.next.chars().count() == 1 => "zhong4",
        // 路转溪桥忽见: appearing.
        '见' if at.prev == "忽" && at.last() => "xian4",
        '的' => {
            if at.prev == "打" {
                "di1"
            } else {
                "de5"
            }
        }
        '地' => {
            // 地 after a modifier and before a verb marks an adverbial (慢慢地走): de. After an
            // adverb it is de even before a place word (不停地点头); after an adjective such a
            // word is the ground's (不同地点).
            // A set phrase of four characters is a manner (满头大汗地跑), whatever jieba tags it.
            let adverb = at.prev_is(&["d", "z"]) || at.prev.chars().count() >= 4;
            let modifier = at.prev_is(&["a", "b", "i", "l", "v"]) && !at.prev.is_empty();
            let doubled = {
                let p: Vec<char> = at.prev.chars().collect();
                p.len() >= 2 && p[p.len() - 1] == p[p.len() - 2]
            };
            // 一步一步地: a phrase said twice is a manner.
            let repeated = !at.prev.is_empty() && at.prev == at.prev2;
            if doubled
                || repeated
                || adverb
                || modifier && !at.next_in("上下里面方区点位图带主铁道毯板球震")
            {
                "de5"
            } else {
                "di4"
            }
        }
        '得' => {
            // 得了第一名 obtained; 好得了吗 can.
            let asked = at.next2.starts_with(['吗', '吧', '呢', '啊', '么']);
            // 能得满分, 群众得实惠: what is gained.
            if at.next_in("到过")
                || (at.next_in("了") && at.more() && !asked)
                || OBTAINED.contains(&at.next)
            {
                "de2"
            } else if at.next_in("动起住完出下开清懂见")
                && !at.prev_is(&["r", "n"])
                // 就得下一番功夫, 就得起床: must.
                && !(at.prev_in("就还总也都可才又")
                    && (at.next_in("下")
                        || at.next_is(&["v"])
                            && at.next.chars().count() == 2
                            && !at.next.ends_with(['来', '去'])))
            {
                // V得动, V得起: the potential complement.
                "de5"
            } else if at.prev_is(&["v"])
                && at.prev.chars().count() > 1
                && at.next_is(&["v"])
                && at.next.chars().count() == 1
                && !at.next_in("像上来去成")
            {
                // 看病得排队: must, between a verb phrase and a verb.
                "dei3"
            } else if (at.prev_is(&["v", "a", "d"])
                // 高兴得 is tagged as an attribute word, but so is 女 (汝) in 女得人焉.
                || at.prev_is(&["b"]) && at.prev.chars().count() > 1
                // A noun before 得 and an adjective after is a verb's complement that jieba
                // cut wrong (这本书写得不错: 本书 / 书写).
                || at.prev_is(&["n"]) && at.next_is(&["a"])
                // 她的歌唱得非常好听 (jieba tags 歌唱 a noun): how she sings.
                || at.prev_is(&["n"])
                    && at.prev.chars().count() > 1
                    && at.prev.ends_with(['唱', '跑', '写', '画', '跳', '飞', '游', '讲'])
                    && at.next_is(&["d"]))
                && !at.prev_in("还总就也都可才")
                && !DEI_AFTER.contains(&at.prev)
            {
                "de5"
            } else if at.prev.chars().count() <= 2
                && at.prev.ends_with(|c| STATES.contains(c))
                && !at.prev_in("还总就也都可才又")
            {
                // 热得直冒汗, 气得脸都红了, 宁静得能听见: how hot, how angry.
                "de5"
            } else if at.next == "又"
                && !at.prev_is(&["r"])
                && at.ahead(6).skip(1).any(|c| c == '又')
            {
                // 飞得又高又快 (jieba tags 飞 a noun): how it flies.
                "de5"
            } else if (at.prev_is(&["r", "n", "t"])
                || at.prev_in("就还总也都可才又")
                || DEI_AFTER.contains(&at.prev))
                && (at.next_is(&["v", "p", "n", "d", "m", "a", "r", "t", "i"])
                    || at.next_in("去走好下"))
            {
                "dei3"
            } else if at.next_is(&["m", "n"]) {
                "de2"
            } else if at.next_is(&["v", "p"]) || at.next_in("去走好") {
                "dei3"
            } else {
                "de5"
            }
        }
        // 抓了个正着, 撞了个正着: caught in the act.
        '着' if at.prev == "正" && at.prev2 == "个" && (at.last() || at.next_in("了")) => {
            "zhao2"
        }
        // 着了凉, 着了火, 着了迷: caught.
        '着' if ["了凉", "了火", "了迷", "了魔", "了急", "了慌"]
            .iter()
            .any(|a| at.ahead_is(a)) =>
        {
            "zhao2"
        }
        '着' => {
            // V不着, V得着: whether the action reaches its end (睡不着, 划不着, 用得着).
            let sleep = at.prev_in(ZHAO_VERBS) || at.prev_in("不得");
            let reached = at.last() || at.next_in("了啦吗呢") || at.next_is(&["n"]);
            if (sleep && (reached || at.prev_in("不得")))
                || (at.prev_in("不得") && at.prev_tag.starts_with('v'))
            {
                "zhao2"
            } else if at.next == "起来" && at.prev_in("么火又") {
                // 火怎么着起来的: catching fire.
                "zhao2"
            } else if at.next == "什么" && at.next2.starts_with('急') {
                // 着什么急: worried.
                "zhao2"
            } else if at.counted() && (at.last() || at.next_in("棋险妙高绝好走下")) {
                // A move in chess: 走错一着, 一着险棋, 这一着走得妙.
                "zhao1"
            } else {
                "zhe5"
            }
        }
        '了' => {
            // V不了 / V得了: the potential complement, liǎo; but 得了第一名 obtained one.
            let obtained = at.prev == "得" && at.next_is(&["m", "n", "q", "v"]);
            if at.prev_in("不得") && !at.prev.is_empty() && !obtained {
                "liao3"
            } else {
                "le5"
            }
        }
        '为' => {
            if at.prev_in("成作认以称视改变分化译选评立定任列划沦誉奉尊封推拜命编")
                || at
                    .prev2
                    .chars()
                    .next_back()
                    .is_some_and(|c| "选评称推立任封拜认视奉尊举".contains(c))
                // 化悲痛为力量, 变废为宝: turning one thing into another.
                || at.prev2.starts_with(['化', '变', '转', '改'])
                || at.next2.starts_with('所')
                // 他为人正直: how one conducts oneself, not for a person.
                || (at.next == "人"
                    && !at.next2.starts_with(['做', '作', '服', '着', '排', '解', '办', '谋', '打'])
                    && !at.prev.ends_with('己'))
                || at.next.starts_with('所')
                // 以…为…: taking one thing as another.
                || at.framed()
                // 各科室负责人为成员。: serving as, the post closing the clause (为成员服务 is
                // for them).
                || (ROLES.contains(&at.next) && !at.more())
                // 均为大学生, 多为青年, 约为三公里: being, after an adverb of the written
                // language (多为他人着想 is for others).
                || ["均", "皆", "多", "仅", "即", "亦", "乃", "约", "分别", "俱", "悉", "实", "确"]
                    .contains(&at.prev)
                    && (at.next_is(&["n", "m", "a", "v", "t"]) || at.next.is_empty())
                    && !["他人", "别人", "人民", "大家", "国家", "社会", "群众"].contains(&at.next)
                    // 多为孩子着想: for the child.
                    && !["着想", "考虑", "服务", "操心", "担心", "打算", "出力", "做事", "办事"]
                        .contains(&at.next2)
            {
                "wei2"
            } else {
                "wei4"
            }
        }
        // 这么大了还哭: still, after a clause closed by 了.
        '还' if at.prev == "了" && !at.next_in("给钱债书清回账款贷礼") => "hai2",
        '还' => {
            // 以其人之道，还治其人之身: paying back in kind.
            if at.ahead_is("治其") {
                return Some("huan2");
            }
            if at.prev_in(HUAN_AFTER)
                || at.last()
                || at.prev2 == "把"
                || at.next_in("给钱债书清回账款贷礼手击原价愿")
                // 还一笔房贷, 还两万块钱: a sum, then what is owed.
                || (at.next_is(&["m"]) && at.next2.ends_with(['钱', '债', '贷', '款', '账']))
                // 记得还我: the pronoun is whom it goes back to.
                || (at.next_is(&["r"]) && !at.more() && !at.next_in("是"))
                || (at.next_is(&["n"])
                    && !at.next_is(&["nr", "ns"])
                    && at.next_char() != Some('是'))
                || (at.next_in("了") && at.more() && !at.next2.starts_with('得'))
                // 已经去还了: gone to give it back.
                || (at.le_ends() && at.prev_in("去来快"))
            {
                "huan2"
            } else {
                "hai2"
            }
        }
        '行' => {
            if at.counted() || at.next_in("字列距首尾") {
                "hang2"
            } else {
                "xing2"
            }
        }
        // 道狭草木长: growing, closing a line of verse.
        '长' if at.last() && at.prev.ends_with(['木', '草']) => "zhang3",
        // 怕得鱼惊不应人: answering.
        '应' if at.prev == "不" && at.next == "人" && !at.more() => "ying4",
        // Verse: 暂凭杯酒长精神, 都护在燕然, 为赋新词强说愁.
        '长' if at.next == "精神" => "zhang3",
        '都' if at.next.starts_with('护') => "du1",
        '强' if at.next == "说" && at.next2.starts_with('愁') => "qiang3",
        '长' => {
            // 比那条河长得多: longer by far.
            let more = at.next_in("得") && at.next2.starts_with('多');
            // 长这么高: grown so tall.
            let grown = ["这么", "那么", "这样", "那样"].contains(&at.next)
                && at.next2.starts_with(['高', '大', '胖', '壮']);
            if at.next_in("大高出满成胖着势相了得到在身")
                && !at.prev_in(DEGREE)
                && !at.next_in("的")
                && !more
                || grown
            {
                "zhang3"
            } else {
                "chang2"
            }
        }
        '重' => {
            // 两重, 万重山: layers; 重 before a verb: again (重写).
            // 二十公斤重 weighs; 两重 are layers.
            let weight = at.prev_in("斤克吨磅");
            let layers =
                at.counted() && !weight && !at.next_is(&["v"]) && at.prev_char() != Some('多');
            let again = at.next_is(&["v"]) && !at.prev_in(DEGREE) && !at.next_in("要视用");
            if layers || again { "chong2" } else { "zhong4" }
        }
        // 去年种的是玉米: planted then.
        '种' if at.prev_is(&["t"]) && at.next_in("的了过") => "zhong4",
        // 你种的花: planted by someone.
        '种' if at.next == "的"
            && [
                "你", "我", "他", "她", "我们", "你们", "他们", "她们", "咱们", "谁", "自己",
            ]
            .contains(&at.prev) =>
        {
            "zhong4"
        }
        '种' => {
            if at.counted() || at.next_in("的类") {
                "zhong3"
            } else if at.next_in("了下在出着过满好上些")
                || at.next_is(&["n"])
                || at.prev_in("来去要会想能")
            {
                "zhong4"
            } else {
                "zhong3"
            }
        }
        '只' => {
            if at.counted() {
                "zhi1"
            } else {
                "zhi3"
            }
        }
        '看' => {
            // Watching over: 看门, 看孩子, 看着点.
            if at.next_in("门家守孩护住管孙")
                || ["孩子", "仓库", "摊子", "大门"].contains(&at.next)
                || (at.next == "着" && at.next2.starts_with('点'))
                // 看一会儿孩子: minding them for a while.
                || (at.next_is(&["m"])
                    && ["孩子", "家", "门", "店", "摊子", "行李", "东西", "包"].contains(&at.next2))
            {
                "kan1"
            } else {
                "kan4"
            }
        }
        '中' => {
            // 猜中, 说中 hit; 传说中 within.
            let hit = at.prev_in("打射猜考选看命击投踢砸押说")
                && (at.prev.chars().count() == 1 || at.prev_is(&["v"]));
            if hit || (at.next_in("了过") && at.more()) {
                "zhong4"
            } else {
                "zhong1"
            }
        }
        // 什么也不干: does nothing.
        '干' if at.prev == "不" && ["也", "都", "什么", "啥"].contains(&at.prev2)
            || at.prev.chars().count() > 1 && at.prev.ends_with('不') =>
        {
            "gan4"
        }
        // 衣服晒了一天，早就干了, 应该干了吧: dry by now.
        '干' if (at.prev_is(&["d"]) || ["应该", "该", "快"].contains(&at.prev))
            && (at.le_ends()
                || at.next_in("了") && at.next2.starts_with(['吧', '吗', '呢', '没']))
            && at.mentions(&[
                "衣", "晒", "晾", "水", "河", "井", "湖", "塘", "漆", "墨", "雨", "路面", "地面",
            ]) =>
        {
            "gan1"
        }
        // 河水都干了, 老井早就干了: dried up.
        '干' if at.prev_is(&["d"])
            && (at.le_ends() || at.next_in("得"))
            && at
                .prev2
                .ends_with(['水', '河', '井', '湖', '池', '塘', '泉', '田', '漆']) =>
        {
            "gan1"
        }
        '干' => {
            if at.prev_in(DEGREE)
                || at.prev_in("已晒吹烘擦")
                || at.next_in("杯")
                || at.next.starts_with("一杯")
                || at.next_in("燥净透爽")
                || (at.prev_is(&["n"]) && at.le_ends())
                // 晒了一上午，已经干了: dry by now.
                || (at.prev == "已经" && at.le_ends())
                // 嗓子干得冒烟: parched.
                || (["嗓子", "喉咙", "嘴唇", "嘴巴", "皮肤"].contains(&at.prev) && at.next_in("得了"))
            {
                "gan1"
            } else {
                "gan4"
            }
        }
        '数' => {
            // 两个数的差: numbers.
            if at.next_in("十百千万亿次年天日月个位名倍") || at.counted() && at.next_in("的是字")
            {
                "shu4"
            } else {
                "shu3"
            }
        }
        '量' => {
            // 量了量, 量一量: measuring, said twice.
            if at.ahead_is("了量") || at.ahead_is("一量") {
                return Some("liang2");
            }
            if at.prev_is(&["a"]) || at.prev_in("大少适重产数质含限总流容剂能销菜饭食酒")
            {
                "liang4"
            } else {
                "liang2"
            }
        }
        // Teaching someone is jiāo; inside a word (教育, 教室, 教师) jiào.
        '教' => {
            if at.next_in("育授室师材练堂会训条养导科程案研务委徒") {
                "jiao4"
            } else {
                "jiao1"
            }
        }
        '觉' => {
            if at.counted()
                || at.prev_in("睡")
                || ["好", "午", "懒", "大", "一大"].contains(&at.prev)
                || at.prev2.ends_with('睡')
                // 睡了四个小时的觉.
                || (at.prev == "的" && at.last())
            {
                "jiao4"
            } else {
                "jue2"
            }
        }
        '背' => {
            // 背了一大捆柴, 背了两袋米: carrying a load (背了一首诗 learnt by heart).
            let load = at.next_in("了")
                && at
                    .ahead(7)
                    .any(|c| "柴筐篓袋包箱孩娃米粮桶行李石麻".contains(c));
            if at.next_in("着起上包走回到在") || at.prev_in("一") || load {
                "bei1"
            } else {
                "bei4"
            }
        }
        '倒' => {
            // 倒两趟车: changing trains or buses.
            let change = at.next_is(&["m"])
                && at.next.ends_with(['趟', '次', '回'])
                && at.next2.starts_with(['车', '公', '地', '飞', '火']);
            // 把垃圾倒了: emptied out.
            let emptied = at.prev2 == "把"
                && at.next_in("了掉")
                && ["垃圾", "水", "茶", "酒", "汤", "剩"]
                    .iter()
                    .any(|w| at.prev.contains(w));
            if change {
                return Some("dao3");
            }
            // 你倒说说看: a contrast, said to someone; 把水倒在: poured.
            if at.prev_is(&["r"]) && at.next_in("说是挺好不也会想")
                || at.prev2 == "把" && at.next_in("在进入出过")
                || emptied
            {
                "dao4"
            } else if at.prev_in("摔跌打推累病绊吹砍撞压晕滑跪扳") && !at.next_in("水茶酒")
            {
                "dao3"
            } else if at.next_in("水茶酒垃掉进入出满杯车退也是不挺很还")
                || (at.next_in("了")
                    && ["一", "半", "两", "出", "进", "掉"]
                        .iter()
                        .any(|n| at.next2.starts_with(n)))
                || at.next_is(&["d", "m"])
                || at.prev_in("得")
            {
                "dao4"
            } else {
                "dao3"
            }
        }
        '系' => {
            // 系一下鞋带: tying.
            let tied = at.next_is(&["m"])
                && (at.next2.ends_with('带') || at.next2.starts_with(['扣', '纽', '围']));
            if at.next_in("鞋领带扣绳上好紧着在围") || at.next.ends_with('带') || tied {
                "ji4"
            } else {
                "xi4"
            }
        }
        '冲' => {
            let ends = at.last() || at.le_ends();
            // 说话冲得很: blunt.
            let blunt = at.next_in("得") && at.mentions(&["说话", "口气", "语气", "脾气"]);
            // 说话怎么这么冲啊: blunt, a particle after.
            let said = at.prev_in(DEGREE) && at.next_in("啊呀呢吧嘛") && !at.more();
            if at.next_in("着我你他她") || (at.prev_in(DEGREE) && ends) || blunt || said {
                "chong4"
            } else {
                "chong1"
            }
        }
        '弹' => {
            if at.counted() || at.prev_in("子炸导飞枪炮") {
                "dan4"
            } else {
                "tan2"
            }
        }
        '空' => {
            // 空两格: leave blank.
            if at.prev_in("有没抽得腾留") || at.next_in("着出") || at.next_is(&["m"]) {
                "kong4"
            } else {
                "kong1"
            }
        }
        '好' => {
            // Liking: 好面子, 他好学.
            let likes = at.next_in("学动胜强奇客色吃问")
                && at.next.chars().count() == 1
                && !at.prev.is_empty()
                && at.prev_is(&["r", "n"])
                && at.next_is(&["v"])
                && !at.next_in("吃");
            // 好读书, 好打扮, 好管闲事: fond of.
            let fond = ["面子", "读书", "打扮", "管闲事", "吃懒做", "出风头"].contains(&at.next)
                && (at.prev.is_empty()
                    || at.prev_is(&["r", "n", "x", "d"])
                    || at.prev_in("，；")
                    || at.prev_in("就爱也"));
            // 从小就好问: given to asking.
            let asks = at.next == "问" && at.prev_in("就爱又");
            if fond || likes || asks {
                "hao4"
            } else {
                "hao3"
            }
        }
        // 出了三次差: trips on business.
        '差' if at.prev.ends_with(['次', '趟', '回']) && at.mentions(&["出"]) => "chai1",
        '差' => {
            if at.prev_in("的") && at.next_in("是为") {
                "cha1"
            } else if at.prev_in(DEGREE) || at.next_in("点些劲远不") {
                "cha4"
            } else if at.prev_in("出") || at.prev_in("过") && at.prev2 == "当" {
                // 出差, 当过差: an errand.
                "chai1"
            } else {
                "cha4"
            }
        }
        '少' => {
            if at.next_in("年女爷妇先校尉将") {
                "shao4"
            } else {
                "shao3"
            }
        }
        '发' => {
            // 理一次发: a haircut said apart.
            let cut = at.prev_is(&["m"]) && ["理", "剪", "烫", "染", "洗"].contains(&at.prev2);
            if at.prev_in("头理白黑短长金毛卷烫剪洗") || cut {
                "fa4"
            } else {
                "fa1"
            }
        }
        '都' => {
            // jieba tags many a noun ns (东西都倒了出来): only 首都, 古都 written apart are capitals.
            if at.prev_in("首古国") && at.prev.chars().count() == 1 {
                "du1"
            } else {
                "dou1"
            }
        }
        '乐' => {
            // 知者乐水，仁者乐山: delighting in.
            if at.prev_in("者") && at.next_in("山水") {
                return Some("yao4");
            }
            if at.prev_in("音奏器声礼民") {
                "yue4"
            } else {
                "le4"
            }
        }
        '转' => {
            if at.next_in("圈动来去个着得")
                // 风车呼呼地转起来: spinning.
                || at.next == "起来"
                || at.next.starts_with("一圈")
                || at.next2.starts_with("一圈")
                || at.next2.starts_with("几圈")
                || at.last()
                // 风扇不转了: a fan, a wheel, a motor turning.
                || at.mentions(&["风扇", "电扇", "轮", "陀螺", "马达", "电机", "风车"])
            {
                "zhuan4"
            } else {
                "zhuan3"
            }
        }
        '盛' => {
            if at.next_in("饭汤水满菜粥不得下到进入")
                // 汤盛好了: served.
                || (at.next_in("好上") && at.prev_in("汤饭菜粥面"))
                || at.prev_in("去来再帮给")
                || at.next_is(&["n", "m"])
                || (at.next_in("了")
                    && at
                        .next2
                        .chars()
                        .next()
                        .is_some_and(|c| "一两半满".contains(c)))
            {
                "cheng2"
            } else {
                "sheng4"
            }
        }
        '扇' => {
            if at.counted() {
                "shan4"
            } else {
                "shan1"
            }
        }
        '宿' => {
            if at.counted() {
                "xiu3"
            } else {
                "su4"
            }
        }
        '卡' => {
            // A card: 公交卡了 (forgotten), 银行卡.
            let card = at
                .prev
                .ends_with(['交', '行', '员', '饭', '话', '值', '磁', '贺', '用']);
            if at.next_in("住在着了") && !card {
                "qia3"
            } else {
                "ka3"
            }
        }
        '炸' => {
            // Frying: 炸鸡, 炸了一盘.
            let dish = ["一盘", "一锅", "一碗", "一碟"]
                .iter()
                .any(|d| at.next2.starts_with(d));
            let fried = ["了一锅", "了一盘", "了一碗", "了一碟", "了些", "了几"]
                .iter()
                .any(|d| at.ahead_is(d));
            // 刚炸好的油条.
            let done = at.next_in("好") && at.ahead(6).any(|c| "鸡鱼薯丸虾糕肉条饼排".contains(c));
            // 放入油锅中炸至金黄: in hot oil.
            let oil = at.mentions(&["油锅", "热油", "油温", "下锅", "入锅"]);
            // 炸带鱼, 炸鸡排: a fish or a cut, the dish's last character.
            if at.next_in("鸡鱼薯丸酱油虾糕春肉")
                || at.next.chars().count() == 2 && at.next.ends_with(['鱼', '虾', '排', '翅'])
                || at.next_in("了") && dish
                || fried
                || done
                || oil
            {
                "zha2"
            } else {
                "zha4"
            }
        }
        '称' => {
            // 很称你的身材: suits.
            // 称了他的心: suited him.
            let suited = at.next_in("了") && at.ahead(6).any(|c| c == '心');
            if at.next_in("心职身") || at.prev_in("很挺真太") || suited {
                "chen4"
            } else {
                "cheng1"
            }
        }
        '藏' => {
            if at.prev_in("西宝川青") {
                "zang4"
            } else {
                "cang2"
            }
        }
        '便' => "bian4",
        // 拧开瓶盖 twists, 脾气拧 stubborn, 拧毛巾 wrings.
        '拧' => {
            if at.prev.ends_with(['气', '子']) && at.prev_is(&["n"]) || at.next == "脾气" {
                "ning4"
            } else if at.next_in("开紧松动上下反")
                || at.next == "不" && at.next2.starts_with(['开', '动', '紧'])
                // 瓶盖太紧，帮我拧一下: a lid, a screw, a tap is twisted.
                || at.mentions(&["盖", "螺丝", "龙头", "钥匙", "开关", "发条", "阀"])
            {
                "ning3"
            } else {
                "ning2"
            }
        }
        // 一坐船就晕: seasick.
        '晕' if at.prev_in("就") && at.prev2.ends_with(['船', '车', '机']) => "yun4",
        // 小偷扒了一个钱包: picked a pocket.
        '扒' if at.mentions(&["小偷", "贼", "钱包"])
            || at.ahead(4).collect::<String>().contains("钱包") =>
        {
            "pa2"
        }
        // 叉着腿: legs apart.
        '叉' if at.ahead_is("着腿") || at.next_in("腿开") => "cha3",
        // The chariot of Chinese chess.
        '车' if at.mentions(&["象棋", "下棋", "棋盘"]) => "ju1",
        // 一撮小胡子: a tuft.
        '撮' if at.counted() && at.ahead(4).any(|c| "胡毛发须".contains(c)) => "zuo3",
        // 沙子眯了眼睛: got into the eye.
        '眯' if at.next_in("了") && at.mentions(&["沙", "灰", "风", "土"]) => "mi2",
        // 号叫, 号啕: wailing.
        '号' if at.next.starts_with(['叫', '啕', '哭']) => "hao2",
        // 疼得直号, 哀号: howling.
        '号' if at.prev == "直" || at.prev == "哀" => "hao2",
        // 再校一遍: proofreading, a verb counted in passes.
        '校' if at.ahead(4).any(|c| c == '遍') => "jiao4",
        // 抹得平平整整: plastered.
        '抹' if at.next_in("得") && at.ahead(4).any(|c| c == '平') => "mo4",
        // 把碑文拓了下来: taking a rubbing.
        '拓' if at.mentions(&["碑", "宣纸", "拓片"]) => "ta4",
        // 脾气倔: gruff.
        '倔' if at.prev.ends_with(['气', '子']) || at.prev_in(DEGREE) && at.last() => "jue4",
        // 屋里却没人应: answering.
        '应' if at.last() && (at.prev == "人" || at.prev_in("不没")) => "ying4",
        // 只有母亲能降得住: subdued.
        // 降得住, 谁也降不住 (jieba's word 不住): subduing.
        '降' if at.next_in("得不") && at.next2.starts_with(['住', '服'])
            || at.next == "不住"
            || at.next == "得住" =>
        {
            "xiang2"
        }
        // 她挑了挑眉毛: raised.
        '挑' if at.ahead(4).any(|c| c == '眉') => "tiao3",
        // 她抹了抹桌子: wiping (before the table is named).
        '抹' if at.ahead(5).collect::<String>().contains("桌子") => "ma1",
        // 把汤凉了凉: letting it cool.
        '凉' if at.next == "了" && at.next2 == "凉" || at.prev == "了" && at.prev2 == "凉" => {
            "liang4"
        }
        // 作了个揖: bowing.
        '作' if at.ahead_is("了个揖") || at.ahead_is("了一个揖") => "zuo1",
        // 切问而近思: asking earnestly.
        '切' if at.next_in("问") => "qie4",
        // 奔六十的人: nearing.
        '奔' if at.next_is(&["m"]) => "ben4",
        // 奔工地去了, 奔着那棵大树跑过去: heading for a place.
        '奔' if at.next == "着" && at.more() => "ben4",
        '奔' if at.next_is(&["n", "s"]) && at.next2.starts_with(['去', '来']) => "ben4",
        // 占了一卦: divining.
        '占' if at.next.contains('卦') || at.next2.contains('卦') => "zhan1",
        // 率真: frank.
        '率' if at.next.starts_with(['真', '直', '性']) => "shuai4",
        // 拉着磨: the millstone.
        '磨' if at.prev_in("推拉") || at.prev == "着" && at.prev2.ends_with(['拉', '推']) => {
            "mo4"
        }
        // 抹平: plastering.
        '抹' if at.next_in("平墙灰") || at.mentions(&["水泥", "墙", "石灰", "泥浆"]) => {
            "mo4"
        }
        // 车厢晃得厉害: shaking (阳光晃得人睁不开眼 dazzles).
        '晃' if at.next_in("得来动着悠荡") && !at.prev.ends_with(['光', '灯', '阳'])
            || at.next_in("了一") && at.next2 == "晃" =>
        {
            "huang4"
        }
        // 眉毛燎了: singed.
        '燎' if at.prev.ends_with(['毛', '发']) => "liao3",
        // 澄一澄, 馏一馏: letting it settle, steaming it again.
        // 把井水澄了一会儿: let settle, a verb.
        '澄' if at.next_in("一了") && at.next2.starts_with('澄')
            || at.prev_in("一了") && at.prev2 == "澄"
            || at.ba_within(3) && at.next_in("了着一") =>
        {
            "deng4"
        }
        '馏' if at.next_in("一了") && at.next2.starts_with('馏')
            || at.prev_in("一了") && at.prev2 == "馏" =>
        {
            "liu4"
        }
        // 哄的一声: a burst of noise.
        '哄' if at.next_in("的地") && at.next2.starts_with("一声") => "hong1",
        '哄' => "hong3",
        // Lifting with a pole or a tip: 挑开窗帘, 挑逗, 挑衅.
        '挑' => {
            // 用竹竿挑了起来: raised on a pole.
            // 用针把刺挑了出来: picked out with a point.
            let picked =
                at.next_in("了出开破") && (at.mentions(&["针"]) || at.prev.ends_with('刺'));
            // 挑了挑灯芯: trimming the wick with a point.
            let wick = at
                .after
                .iter()
                .take(3)
                .any(|t| t.word == "灯芯" || t.word == "灯花");
            if at.next_in("开逗拨衅") || at.mentions(&["竿", "棍", "杆"]) || picked || wick {
                "tiao3"
            } else {
                "tiao1"
            }
        }
        // 结构太散, 人心很散: loose, an adjective after a degree adverb (不散 is dispersing).
        '散' if at.prev_in("很太真挺更最极较稍越")
            && at.prev.chars().count() == 1
            && (at.last() || at.le_ends()) =>
        {
            "san3"
        }
        '散' => {
            // Coming loose: 松散, 鞋带散了.
            if at.prev_in("松懒零") || at.prev.ends_with(['带', '绳', '发']) {
                "san3"
            } else {
                "san4"
            }
        }
        '调' => {
            // 再调点酱油: seasoning.
            let seasoned = (at.next_in("点些了") || at.next == "一下")
                && at.ahead(5).any(|c| "酱醋盐糖味料油汁".contains(c));
            if at.next_in("皮整和节小大高低好匀准") || seasoned {
                "tiao2"
            } else {
                "diao4"
            }
        }
        '当' => {
            if at.prev_in("上恰妥适典")
                || (at.prev == "大" && at.last())
                // 上这种当: taken in, the verb and its object apart.
                || (at.prev2.ends_with('上') && (at.last() || at.next_in("呢吗啊了")))
                // 我当是谁: I took it for.
                || (at.next == "是" && (at.prev == "我" || at.prev_in("还只")))
                // 当废品卖, 当饭吃: used as, a noun and the use after.
                || (at.next_is(&["n"])
                    && at.after.get(1).is_some_and(|t| {
                        ["卖", "用", "使", "使用", "吃", "看待", "处理", "扔"].contains(&t.word)
                    }))
                // 你就当我没说过, 只当他不在: take it as if, before a clause of its own.
                || (["就", "只", "权", "全"].contains(&at.prev)
                    && at.next_is(&["r"])
                    && at.after.get(1).is_some_and(|t| t.tag.starts_with(['v', 'd'])))
                || (at.prev_in("的") && at.last())
                || at.next_in("作成做真铺")
                // 把旧货当新货卖, 把我当亲弟弟一样: passing it off as, treating as.
                || at.ba_within(4)
                    && (at.next_is(&["n", "r"]) || at.ahead(8).collect::<String>().contains("一样"))
            {
                "dang4"
            } else {
                "dang1"
            }
        }
        '将' => {
            if at.prev_in("大名猛主上武良老") && at.next.is_empty() {
                "jiang4"
            } else {
                "jiang1"
            }
        }
        '相' => {
            // 照张相: a photograph.
            // 照张相, 照了相: a photograph.
            // 很上相: photogenic.
            if at.prev_in("长照真首宰丞")
                || at.prev == "上" && (at.last() || at.prev2.ends_with(|c| DEGREE.contains(c)))
                || (at.prev_is(&["q"]) || at.prev == "了") && at.prev2.ends_with(['照', '拍'])
            {
                "xiang4"
            } else {
                "xiang1"
            }
        }
        '兴' => {
            if at.prev_in("高助雅乘败") {
                "xing4"
            } else {
                "xing1"
            }
        }
        '应' => {
            // 应群众要求, 应主办方邀请: answering a request.
            let asked = at.next_is(&["n", "r", "nt"])
                && (["要求", "邀请", "请求", "之邀", "号召"].contains(&at.next2)
                    // 应朋友的邀请.
                    || at.next2 == "的"
                        && ["邀请", "要求", "请求", "号召"]
                            .iter()
                            .any(|w| at.after.get(2).is_some_and(|t| t.word == *w)));
            if at.prev_in("答回响反呼适供对感相效") || at.next_in("声了邀聘") || asked
            {
                "ying4"
            } else {
                "ying1"
            }
        }
        '传' => {
            // 鲁迅传详细记述: a biography, after the name it is of (小明传球 passes).
            let life = at.prev_is(&["nr"])
                && !at.next_is(&["n", "r", "v"])
                && !at.next_in("来出给到下开球话染授达说");
            // 从前往后传: passed on, backwards (水浒后传 is a sequel).
            let onwards = ["往后", "向后", "往前", "向前", "往下", "向下"].contains(&at.prev);
            // 写一本传: a biography, counted.
            let counted = at.prev_is(&["m", "q"]) && at.last();
            if at.prev_in("自经列外正前后史评") && !onwards
                || at.prev_in("写立作") && at.last()
                || life
                || counted
            {
                "zhuan4"
            } else {
                "chuan2"
            }
        }
        '模' => {
            if at.next_in("样子具板") {
                "mu2"
            } else {
                "mo2"
            }
        }
        '难' => {
            // 遭了难: a calamity met.
            if at.prev_in("灾遇落逃避苦患受蒙发责国")
                || at.prev == "了" && at.prev2.ends_with(['遭', '遇', '落', '受', '逃'])
            {
                "nan4"
            } else {
                "nan2"
            }
        }
        '降' => {
            // Surrender and subduing: 投降, 降妖, 降服.
            // 一物降一物: one thing subdues the other.
            let mirrored = !at.prev.is_empty() && at.prev2 == at.next && at.prev == at.next2;
            if at.prev_in("投诚受归劝招") || at.next_in("妖魔龙伏服") || mirrored {
                "xiang2"
            } else {
                "jiang4"
            }
        }
        '曲' => {
            // 曲项向天歌: a bent neck.
            if at.prev_in("弯歪委扭") || at.next_in("折线项") {
                "qu1"
            } else {
                "qu3"
            }
        }
        '处' => {
            if at.next_is(&["v", "n"]) && at.next_in("理事罚分境置世方") {
                "chu3"
            } else {
                "chu4"
            }
        }
        '没' => {
            // 大雪没过了膝盖: covering over (没过了 cannot be "has not passed").
            let covered = at.next == "过" && at.next2.starts_with('了');
            if at.prev_in("淹沉埋隐出吞湮覆") || covered {
                "mo4"
            } else {
                "mei2"
            }
        }
        '大' => {
            if at.next_in("夫") {
                "dai4"
            } else {
                "da4"
            }
        }
        '和' => {
            let chorus = at.last() && at.prev_is(&["n", "r"]) && at.prev.chars().count() > 1;
            // 打麻将…又和了: winning the hand.
            // 我又和了！今天手气真好: said before the luck.
            let luck = at.prev_in("又") && at.ahead(12).collect::<String>().contains("手气");
            if (at.next_in("了") || at.last()) && (at.mentions(&["麻将", "牌"]) || luck) {
                return Some("hu2");
            }
            if at.prev == "应" && at.last() || chorus {
                // 阵阵应和, 一人唱，众人和: echoing.
                "he4"
            } else if at.ba_within(4) && at.next_in("在进成匀") {
                // 把药粉和在水里, 把几味药和在一起: mixed in.
                "huo4"
            } else if at.prev_in("暖软搀掺") {
                "huo5"
            } else if at.next_in("面泥")
                || at.prev.ends_with(['面', '泥'])
                || (at.next_in("了") || at.next_is(&["m"]))
                    && ["一盆", "一大", "一团"]
                        .iter()
                        .any(|w| at.next2.starts_with(w) || at.next.starts_with(w))
            {
                "huo2"
            } else {
                "he2"
            }
        }
        // Blood itself in speech, a word of its own: 流了一点儿血, 吐了一口血 (in words, xuè).
        '血' => {
            if at.prev_in("了些滴口摊身手脸")
                || at.prev.ends_with("点儿")
                || ["不少", "很多", "好多", "许多", "点", "一点"].contains(&at.prev)
                    && at.mentions(&["流", "吐"])
                || at.prev_in("流吐出")
                    && at.prev.chars().count() == 1
                    && (at.last() || at.next_in("了"))
            {
                "xie3"
            } else {
                "xue4"
            }
        }
        // Hoarding: 囤货, 囤粮 (a grain bin, 粮囤, is dùn).
        // 都囤了起来: the verb (a grain bin, 粮囤, is dùn).
        '囤' if at.next_in("货积粮米菜了着起") => "tun2",
        // 天哪！: the particle.
        '哪' if at.prev == "天" && at.last() || at.next.starts_with('！') => "na5",
        // 朝辞白帝, 朝发夕至: in the morning.
        '朝' if at.next_in("辞发") => "zhao1",
        // 诲女知之乎: you (汝).
        '女' if at.prev == "诲" => "ru3",
        // 三更, 五更: a watch of the night.
        '更' if at.prev.chars().count() == 1 && at.prev_in("一二三四五") => "geng1",
        // 风吹草低见牛羊: coming into view.
        '见' if at.prev.ends_with('低') && at.ahead_is("牛羊") => "xian4",
        // 把桌子抹一下: wiping.
        '抹' if at.mentions(&["桌", "灶台", "柜", "窗台"]) && !at.mentions(&["墙", "水泥"]) => {
            "ma1"
        }
        // 秋天去林子里搂树叶: raking together.
        '搂' if at.mentions(&["耙"]) || at.ahead(3).collect::<String>().contains("树叶") => {
            "lou1"
        }
        // Interjections opening a sentence: 咳，我还以为; 哦，原来如此; 啊？你说什么.
        '咳' if at.prev.is_empty() && at.next.starts_with(['，', '！']) => "hai1",
        '哦' if at.prev.is_empty() && at.next.starts_with('？') => "o2",
        '哦' if at.prev.is_empty()
            && at.next.starts_with('，')
            && at.ahead(8).collect::<String>().contains("原来") =>
        {
            "o4"
        }
        '啊' if at.prev.is_empty() && at.next.starts_with('？') => "a2",
        // 曾参: the disciple Zēng Shēn (曾参加 is a word).
        '曾' if at.next == "参" => "zeng1",
        '参' if at.prev == "曾" => "shen1",
        // 用清水多漂几遍: rinsing (漂在水面 floats).
        '漂' if at.mentions(&["清水", "衣", "衬衫", "床单", "洗"]) && !at.next_in("在浮着流走") => {
            "piao3"
        }
        // Old measures of grain: 十斗为一石, 十合为一升.
        '石' if at.counted() && at.last() && at.mentions(&["斗"]) => "dan4",
        '合' if at.counted() && at.ahead(4).any(|c| c == '升') => "ge3",
        '柏' if at.prev.ends_with('黄') => "bo4",
        // 趟过小河, 趟着水: wading (一趟, 这趟 count trips).
        '趟' if !at.counted() && at.next_in("过着水") => "tang1",
        // 把袖子褪了下来, 褪下手镯: slipping off (褪色 fades).
        '褪' if at.next_in("下了掉去")
            && at.mentions(&["袖", "裤", "镯", "鞋", "袜", "手套", "戒指"])
            && !at.ahead(3).any(|c| c == '色') =>
        {
            "tun4"
        }
        // 约约有多重, 用秤约一约: weighing (约约他 asks him out).
        '约' if (at.next == "约" || at.prev == "约" || at.next_in("一了") && at.next2 == "约")
            && (at.ahead(10).any(|c| "重斤秤".contains(c)) || at.mentions(&["秤"])) =>
        {
            "yao1"
        }
        // 打过更, 敲了三更。: the night watch, closing a clause (the adverb never does).
        '更' if at.last() && at.prev.chars().any(super::is_han) => "geng1",
        // 野人参 (jieba's 野人 / 参): the root, after a word jieba ended on its 人.
        '参' if at.prev.chars().count() > 1 && at.prev.ends_with('人') && !at.next_is(&["v"]) => {
            "shen1"
        }
        // 一杆秤, 这杆枪: counted, the measure word.
        '杆' if at.counted() => "gan3",
        // 饮马, 饮牛, 饮牲口: giving animals water; so too with the animal put first by 把
        // (把马牵到河边去饮一饮), where 把牛奶一饮而尽 is drinking.
        '饮' if at.next_in("马牛羊驴骡牲")
            || at
                .before
                .iter()
                .rev()
                .take(8)
                .collect::<Vec<_>>()
                .windows(2)
                .any(|w| w[1].word == "把" && ANIMALS.contains(&w[0].word)) =>
        {
            "yin4"
        }
        // The aspect particle after a verb: 吃过, 讨论过这个方案, 去过两次 (现代汉语词典 ·guo);
        // crossing after a verb of motion with the place next (走过草地), and after anything
        // else (再过三天) guò.
        '过' => {
            let verb = at.prev_is(&["v"])
                || at.prev_tag.is_empty() && at.prev.chars().count() == 1 && at.prev_in(DONE_VERBS);
            let crossing = at.prev_in(CROSSING) && at.next_is(&["n", "s", "r", "m"]);
            if verb && !crossing && !at.next_in("于") {
                "guo5"
            } else {
                "guo4"
            }
        }
        '铺' => {
            if at.counted() || at.prev_in("店床当饭肉杂药卧鞋米布") {
                "pu4"
            } else {
                "pu1"
            }
        }
        '卷' => {
            if at.counted() || at.prev_in("试考答问") {
                "juan4"
            } else {
                "juan3"
            }
        }
        '落' => {
            // 把书落在家里了: left behind (the words between 把 and 落 may be several).
            let left = at.ba_within(3);
            // 钥匙落在家里了: left behind somewhere one was.
            let somewhere = [
                "家",
                "家里",
                "车上",
                "办公室",
                "学校",
                "公司",
                "教室",
                "宿舍",
                "店里",
                "出租车",
            ];
            // 落在你家里: a possessor between 在 and the place.
            let theirs = at.next == "在"
                && at.next_is(&["p"])
                && at
                    .after
                    .iter()
                    .skip(1)
                    .take(2)
                    .any(|t| somewhere.contains(&t.word));
            if left && at.next_in("在下")
                || at.next == "在" && somewhere.contains(&at.next2)
                || theirs
                || somewhere.contains(&at.next) && at.ahead(4).any(|c| c == '了')
            {
                "la4"
            } else if at.next == "色" {
                // Losing colour: 落色.
                "lao4"
            } else {
                "luo4"
            }
        }
        '削' => "xiao1",
        '涨' => {
            // 豆子泡涨了, 泡了一夜都涨开了: swollen with water.
            let soaked = at.mentions(&["泡", "浸"]) && at.next_in("开大起了得");
            if at.next_in("得红大肿满破") || soaked {
                "zhang4"
            } else {
                "zhang3"
            }
        }
        '扎' => {
            // Tying: 扎辫子, 扎着两条辫子, 扎了一个蝴蝶结.
            let tied = ["两条", "两个", "一条", "一根", "一个", "个"].contains(&at.next2);
            // 把花扎好: bound up (扎好了 after a thing tied, not 扎好针).
            let bound = at.next_in("好") && at.prev_is(&["n", "v", "nr"]) && !at.prev_in("针");
            if at.next_in("辫头成紧")
                || at.next.starts_with("小辫")
                || at.mentions(&["辫", "头绳"])
                || at.ahead(6).any(|c| c == '辫')
                || at.next_in("着了") && (tied || at.ahead(8).any(|c| c == '辫'))
                || bound
            {
                "za1"
            } else {
                "zha1"
            }
        }
        '结' => {
            // 结了果子 bears; 结了婚, 结了一层冰 ties and forms.
            // 枣树结的枣, 每年都结很多枣子: what a tree bears.
            let borne = at.prev.ends_with(['树', '藤', '秧']) && at.next_in("的")
                || at
                    .prev
                    .ends_with(['柿', '果', '瓜', '枣', '桃', '树', '藤', '穗'])
                    && at.next_in("得")
                || (at.next_is(&["m"]) || at.next_in("满"))
                    && at
                        .next2
                        .ends_with(['果', '枣', '桃', '瓜', '子', '实', '籽', '穗']);
            if at.next_in("了出满")
                && !at.next2.starts_with(['婚', '账', '束', '仇', '冰'])
                && at.next2 != "一层"
                || borne
            {
                "jie1"
            } else {
                "jie2"
            }
        }
        '露' => {
            // Showing what was hidden: 露一手, 露马脚, 露馅.
            // 在会上露了一面: showing oneself.
            let shown = |w: &str| {
                w.starts_with("一手")
                    || w.starts_with("马脚")
                    || w.starts_with('馅')
                    || w.starts_with("一面")
            };
            // 露了一点口风: a little of it, counted.
            if shown(at.next)
                || at.next_in("了出") && shown(at.next2)
                || at.next_in("了") && at.after.iter().take(3).any(|t| t.word == "口风")
            {
                "lou4"
            } else {
                "lu4"
            }
        }
        '蒙' => {
            // Guessing or dazed: 蒙对, 打蒙了.
            // 被骗子蒙了: fooled.
            let fooled = at.le_ends() && !at.prev_in("布纱雾");
            // 骗子…蒙了不少老人的钱: swindled.
            let swindled = at.next_in("了人住过") && at.mentions(&["骗"]);
            // 别想蒙我: deceive someone.
            let deceived = [
                "我", "你", "他", "她", "我们", "你们", "他们", "别人", "大家",
            ]
            .contains(&at.next);
            // 随便蒙了一个答案: guessed.
            let guessed = at.mentions(&["答案", "题", "猜"]);
            if at.next_in("对错")
                || at.prev_in("打吓乱瞎")
                || fooled
                || swindled
                || deceived
                || guessed
            {
                "meng1"
            } else {
                "meng2"
            }
        }
        // 豆腐坊, 油坊, 染坊: a workshop (牌坊 and 街坊 are fāng).
        '坊' if at.prev_in(WORKSHOPS) => "fang2",
        // 把这把青菜择一下: picking over vegetables.
        '择' if at.next_in("一好完了干") && at.mentions(&["菜", "豆角", "韭", "葱"]) => {
            "zhai2"
        }
        // 《氓》 (诗经): the people.
        '氓' if at.prev == "《" => "meng2",
        // 用草帘把粮食苫上: covering (a straw mat is shān).
        '苫' if at.next_in("上着好住") => "shan4",
        // 拽着衣角: pulling.
        '拽' if at.next_in("着住了紧") => "zhuai4",
        // 开水太烫，先折一折: pouring to and fro to cool.
        '折' if at.next.starts_with('一') && at.mentions(&["开水", "烫", "热水", "汤"]) => {
            "zhe1"
        }
        // 把白菜的老帮子劈下来: broken off.
        '劈' if at.next_in("下") && at.mentions(&["帮", "白菜", "叶"]) => "pi3",
        // 轧出钢材, 轧钢: rolling steel.
        '轧' if at.mentions(&["钢"]) || at.ahead(8).any(|c| c == '钢') => "zha2",
        // 把白菜苗间了一遍: thinning out seedlings.
        // 间掉一些: thinning (间 is no other verb).
        '间' if at.prev.ends_with('苗') && at.next_in("了掉") || at.next == "掉" => "jian4",
        '供' => {
            // Offering: 供着佛像, 供品; confessing: 向警方供出同伙.
            // 在佛前供上香火: an offering set out.
            let offered = at.next_in("上了")
                && (at.next2.starts_with(['香', '供', '祭', '果'])
                    || ["水果", "鲜花", "点心"].contains(&at.next2)
                    // 供上几盘水果.
                    || at.next2.chars().count() <= 2
                        && at.ahead(6).collect::<String>().contains("水果"));
            if at.next_in("着奉品桌台")
                || at.next_in("出") && at.mentions(&["警", "审", "招"])
                || offered
            {
                "gong4"
            } else {
                "gong1"
            }
        }
        '挨' => {
            // Suffering it: 挨打, 挨了一顿骂.
            // 没少挨爸爸的打: suffered often.
            let suffered =
                at.next_in("打骂饿批揍冻训整了过") || at.prev == "少" && at.prev2 == "没";
            if suffered { "ai2" } else { "ai1" }
        }
        '撒' => {
            // Strewing: 撒了一把米, 撒种.
            let some = ["一把", "点", "些"].iter().any(|w| at.next2.starts_with(w));
            // 撒了一大把种子: what is strewn comes after the count.
            let strewn = at.next_in("了")
                && at.after.iter().take(5).any(|t| {
                    [
                        "种子", "盐", "米", "沙", "沙子", "土", "粮食", "面粉", "胡椒", "花瓣",
                    ]
                    .contains(&t.word)
                });
            if at.next_in("种盐米花土在下点些") || at.next_in("了") && some || strewn {
                "sa3"
            } else {
                "sa1"
            }
        }
        '吐' => {
            // Throwing up: 晕车吐了一地, 吐血.
            // 一上车就吐了: threw up (吐了一口气 breathes out).
            let retched = at.next_in("了") && at.next2.starts_with("起来")
                || at.le_ends() && at.prev_in("就又都也");
            // 吃坏了肚子，吐了好几次: being sick, counted.
            let sick = at.mentions(&["晕车", "晕船", "恶心", "呕", "吃坏", "肚子"])
                || at.next_in("了") && at.ahead(6).any(|c| c == '次' || c == '回');
            if at.next_in("血得") || at.ahead_is("了一地") || at.prev_in("呕") || retched || sick
            {
                "tu4"
            } else {
                "tu3"
            }
        }
        '折' => {
            // Broken: 胳膊折了.
            // Broken or lost: 胳膊折了, 折了本.
            let lost = at.next_in("了")
                && (at.next2.starts_with('本')
                    || at.ahead(6).any(|c| c == '钱')
                        && at.mentions(&["股", "生意", "买卖", "投资"]));
            let snapped = at.prev.ends_with(['膊', '腿', '骨', '臂', '竿', '棍'])
                || at.prev_in("就又") && !at.more()
                // 扁担从中间折了.
                || at.prev == "中间"
                // 树枝被吹折了.
                || at.prev_in("吹压撅掰摔刮踩");
            if snapped && at.next_in("了") || lost {
                "she2"
            } else if at.ahead(6).collect::<String>().contains("跟头") {
                // 折了三个跟头: somersaults.
                "zhe1"
            } else {
                "zhe2"
            }
        }
        '尽' => {
            // Letting others first: 先尽着老人.
            if at.next_in("着") { "jin3" } else { "jin4" }
        }
        '缝' => {
            // A gap is fèng (一条缝); sewing féng (缝了五针).
            if at.counted() || at.prev_in("的条道有") || at.last() {
                "feng4"
            } else {
                "feng2"
            }
        }
        '假' => {
            // Leave: 请了三天假, 放假.
            if at.prev.ends_with(['天', '周', '月']) || at.prev_in("请休放") {
                "jia4"
            } else {
                "jia3"
            }
        }
        '择' => {
            // Picking vegetables over: 择菜, 择豆角, 把韭菜择干净.
            if at.next_in("菜豆葱韭") || at.next == "干净" && at.prev_is(&["n"]) {
                "zhai2"
            } else {
                "ze2"
            }
        }
        '屏' => {
            // Holding one's breath: 屏着气, 屏息.
            if at.next_in("着住气息") {
                "bing3"
            } else {
                "ping2"
            }
        }
        '晕' => {
            // Motion sickness and the like: 晕车, 晕血.
            if at.next_in("血车船机针") {
                "yun4"
            } else {
                "yun1"
            }
        }
        '担' => {
            // A load: 一担水.
            if at.counted() { "dan4" } else { "dan1" }
        }
        '闷' => {
            // Stuffy: 闷热, 又闷又热; bored or shut in otherwise.
            // 再闷一会儿: left covered to cook.
            let cooked = at.next_is(&["m"]) && at.prev_in("再先多");
            // 屋里太闷了: stuffy air.
            let stuffy = (at.prev_in(DEGREE) || at.prev == "空气")
                && at.mentions(&["屋", "房间", "车厢", "空气", "天气", "教室"]);
            if at.next.starts_with('热') || at.next2.starts_with('热') || cooked || stuffy {
                "men1"
            } else {
                "men4"
            }
        }
        '哟' => {
            if at.last() {
                "yo5"
            } else {
                "yo1"
            }
        }
        '撇' => {
            // Curling the lips: 撇嘴, 撇了撇嘴.
            if at.next.starts_with('嘴') || at.next_in("了") && at.next2.starts_with('撇') {
                "pie3"
            } else {
                "pie1"
            }
        }
        '拗' => {
            // Stubborn: 脾气拗; awkward to say: 拗口.
            if at.prev.ends_with(['气', '子']) || at.next.starts_with("不过") {
                "niu4"
            } else {
                "ao4"
            }
        }
        '待' => {
            // Staying: 待在家里, 待了两天.
            let stayed = at.next_in("了着") && at.next2.starts_with(|c| "一两三几半".contains(c));
            // 待一会儿, 待几天: a while.
            let awhile = [
                "一会", "一下", "几天", "半天", "一天", "一阵", "多久", "好久",
            ]
            .iter()
            .any(|w| at.ahead_is(w));
            // 在家里待着，: staying put.
            let put = at.next_in("着") && !at.more();
            if at.next_in("在") || stayed || awhile || put {
                "dai1"
            } else {
                "dai4"
            }
        }
        '泡' => {
            // Something puffed: 豆腐泡, 眼泡.
            if at.prev.ends_with(['腐', '眼']) || at.counted() && at.next_in("尿屎") {
                "pao1"
            } else {
                "pao4"
            }
        }
        '钉' => {
            // Nailing: 钉了一个钉子, 钉在墙上.
            if at.next_in("了在上住进着好得") || at.next_is(&["n"]) && !at.counted() {
                "ding4"
            } else {
                "ding1"
            }
        }
        '绷' => {
            // A straight face: 绷着脸.
            if at.next.starts_with('脸') || at.next_in("着") && at.next2.starts_with('脸') {
                "beng3"
            } else {
                "beng1"
            }
        }
        '服' => {
            // Doses of medicine: 一天两服.
            if at.counted() && (at.last() || at.next.contains('药')) {
                "fu4"
            } else {
                "fu2"
            }
        }
        '凉' => {
            // Letting it cool: 凉一凉, 凉一下.
            if at.next == "一" && at.next2.starts_with(['凉', '下'])
                || at.next.starts_with("一会")
                || at.next_in("在")
            {
                "liang4"
            } else {
                "liang2"
            }
        }
        '似' => {
            // 飞也似的: 似的 is shì de, written apart or not.
            if at.next.starts_with('的') {
                "shi4"
            } else {
                "si4"
            }
        }
        '划' => {
            // Dividing and assigning is huà (划成两半, 划入); cutting and rowing huá.
            // 钱已经划到你的账户上: transferred.
            let paid = at.next_in("到") && at.mentions(&["钱", "款", "资金", "工资"]);
            // 这片区域是专门划出来的: marked off.
            let marked = at.next_in("出") && at.mentions(&["区域", "范围", "地块", "界线", "车位"]);
            if at.next_in("成为入归定拨给分") || paid || marked {
                "hua4"
            } else {
                "hua2"
            }
        }
        '任' => {
            // A surname before a title: 任老师.
            if at.prev.is_empty() && at.next_in("老先女同总教经") {
                "ren2"
            } else {
                "ren4"
            }
        }
        '禁' => {
            // What something can stand: 很禁穿, 禁得住.
            if at.next_in("穿用得住洗磨摔晒脏不起") {
                "jin1"
            } else {
                "jin4"
            }
        }
        '圈' => {
            // 把鸡鸭圈起来, 羊都圈了起来: penned; 羊圈里 the pen.
            let animals = "猪羊牛马鸡鸭鹅兔";
            let penned = at.next_in("起了上住进在好");
            let kept = at.prev_in(animals)
                || at.prev2.ends_with(|c| animals.contains(c))
                || at.mentions(&["鸡", "鸭", "猪", "羊", "牛", "鹅", "兔"]);
            if penned && kept {
                "juan1"
            } else if at.prev_in(animals) {
                "juan4"
            } else {
                "quan1"
            }
        }
        '薄' => {
            // 一件薄衬衫: thin, before what it describes; 比上一代薄了两毫米: thinner.
            if at.prev_in(DEGREE)
                || at.next_in("了") && at.mentions(&["比"])
                || at.prev == "又"
                || at.next_in("饼片纸的外衣被毯")
                || at.counted() && at.next_is(&["n"])
            {
                "bao2"
            } else {
                "bo2"
            }
        }
        _ => return None,
    };
    Some(reading)
}

/// A listed word that is two words in this place: 地上铺着 is 上 and the verb 铺, not the upper
/// bunk. The position in the word and its reading there.
pub fn unlisted(word: &str, at: &Around) -> Option<(usize, &'static str)> {
    match word {
        "上铺" | "下铺" if at.next_in("着了满") => Some((1, "pu1")),
        // 把画卷起来: rolling the painting up, not the scroll.
        "画卷" if at.ba_within(2) && at.next_in("起了成") => Some((1, "juan3")),
        // The vine in speech (现代汉语词典 蔓儿 wànr; the table has màn).
        "蔓儿" => Some((0, "wan4")),
        // 用斧头把木头劈成两半: split with a blade (劈成两股 divides, pǐ).
        "劈成" if at.mentions(&["斧", "刀", "木头", "柴"]) => Some((0, "pi1")),
        // 球场上铺草皮: 上 closes the place, 铺 is laying (上铺 is the upper bunk).
        "上铺" if at.prev.ends_with(['场', '地', '路']) && !at.last() => Some((1, "pu1")),
        // 看了一场电影: a showing (一场雨 is a spell of rain, cháng).
        "一场"
            if [
                "电影",
                "比赛",
                "球赛",
                "演出",
                "戏",
                "音乐会",
                "表演",
                "话剧",
            ]
            .contains(&at.next) =>
        {
            Some((1, "chang3"))
        }
        // 这一觉醒来: a sleep, then waking.
        "觉醒" if at.prev == "一" && at.next_in("来") => Some((0, "jiao4")),
        // Stirring up: 挑起事端.
        "挑起" if ["事端", "战争", "矛盾", "争端", "冲突", "纠纷"].contains(&at.next) => {
            Some((0, "tiao3"))
        }
        _ => place(word),
    }
}

/// The reading of `c` inside a longer word that the phrase table does not list, where its
/// neighbour in the word decides it (`重写` chóng, `一行` háng).
pub fn within(word: &[char], i: usize, at: &Around) -> Option<&'static str> {
    // A name jieba keeps whole: 仇先生.
    if i == 0
        && let Some(reading) = surname(word[0])
        && TITLES
            .iter()
            .any(|t| t.chars().eq(word[1..].iter().copied()))
    {
        return Some(reading);
    }
    let next = word.get(i + 1).copied();
    let prev = i.checked_sub(1).map(|p| word[p]);
    let in_set = |c: Option<char>, set: &str| c.is_some_and(|c| set.contains(c));
    Some(match word[i] {
        '重' if i == 0
            && in_set(
                next,
                "写做建修来读复新申返演播置启组装订整排印提回现温游逢叠生审选开考画抄算拍测犯铸绘归",
            ) =>
        {
            "chong2"
        }
        '行' if in_set(prev, "一二两三四五六七八九十几这那每各") => {
            if at.next_in("一二两三四五六七八九十几人") {
                "xing2"
            } else {
                "hang2"
            }
        }
        '重' if in_set(prev, "万千几两三九") => "chong2",
        '中' if in_set(prev, "射打猜考击命投踢砸押选") => "zhong4",
        '干' if in_set(prev, "晒烘吹擦风阴晾烤") => "gan1",
        '炸' if in_set(next, "鸡鱼薯丸酱虾糕肉") => "zha2",
        '地' if i + 1 == word.len() && i >= 2 && word[i - 1] == word[i - 2] => "de5",
        '着' if i >= 1 && in_set(prev, "不得") => "zhao2",
        '为' if i == 0 && word == ['为', '人'] => "wei2",
        // 被选为: a verb's 为, as what (认为, 成为 are listed).
        '为' if i + 1 == word.len() && in_set(prev, "选评称推立任封拜认视奉尊举作成") => {
            "wei2"
        }
        '数' if i == 0 && in_set(next, "一着了过星钱") => "shu3",
        '量' if i == 0 && in_set(next, "尺体身血") && word.len() <= 3 => "liang2",
        // 大夫, 王大夫 (士大夫 is dà).
        '大' if next == Some('夫') && prev != Some('士') => "dai4",
        '种' if in_set(prev, "一两三几这那每各某多") => "zhong3",
        // 旋转, 婉转: turning round and round is zhuǎn in these words (打转, 自转 zhuàn).
        '转' if i + 1 == word.len() && in_set(prev, "旋婉扭运流周逆回翻好倒辗") => {
            "zhuan3"
        }
        '扎' if i == 0 && next == Some('紧') => "za1",
        // 一打铅笔: a dozen.
        '打' if i + 1 == word.len() && in_set(prev, "一两三几半每") && at.next_is(&["n"]) => {
            "da2"
        }
        // 把几只鸡圈了起来 (jieba's word 鸡圈): penned.
        '圈' if i + 1 == word.len()
            && in_set(prev, "猪羊牛马鸡鸭鹅兔")
            && at.next_in("了起在进上住") =>
        {
            "juan1"
        }
        // 挑起门帘, 挑起事端; with a pole (用竹竿挑起).
        '挑' if i == 0
            && next == Some('起')
            && ([
                "眉毛", "门帘", "帘子", "事端", "争端", "矛盾", "纠纷", "战火",
            ]
            .contains(&at.next)
                || at.mentions(&["竿", "棍", "杆"])) =>
        {
            "tiao3"
        }
        // 切切: earnest (切切偲偲, 切切不可).
        '切' if word == ['切', '切'] => "qie4",
        // 不小心中了圈套: jieba cuts 不小/心中, and the 中 is hit.
        '中' if word == ['心', '中'] && at.prev.ends_with("不小") && at.next_in("了") => {
            "zhong4"
        }
        // 把猪赶进了圈里: the pen (jieba's word 圈里).
        '圈' if i == 0 && next == Some('里') && at.mentions(&["猪", "羊", "牛", "鸡", "鸭"]) => {
            "juan4"
        }
        // 一点薄礼: a modest gift (jieba's word, tagged a name).
        '薄' if i == 0 && next == Some('礼') => "bo2",
        // 几欲先走: nearly.
        '几' if i == 0 && next == Some('欲') => "ji1",
        // 五十者可以衣帛矣: wearing.
        '衣' if i == 0 && next == Some('帛') => "yi4",
        // 屋舍, 校舍: a house.
        '舍' if in_set(prev, "屋宿校房农馆客茅") => "she4",
        // 风吹草低见牛羊 (a word to jieba).
        '见' if prev == Some('低') && next == Some('牛') => "xian4",
        // 做得特别地道, 很地道的川菜: genuine, the word at a clause's end or after a degree
        // adverb (地道歉 is 地 and 道歉).
        '地' if word == ['地', '道'] && (at.last() || at.prev_in(DEGREE)) => "di4",
        // 让姐姐在家看着弟弟: minding someone (jieba's word 看着).
        '看' if i == 0
            && word == ['看', '着']
            && (["弟弟", "妹妹", "孩子", "小孩", "孩子们", "家", "门", "行李", "东西", "摊子"]
                .contains(&at.next)
                // 你在这儿看着东西: minding it while someone is away.
                && at.mentions(&["让", "帮", "替", "在家", "这儿", "这里"])
                // 你看着点孩子: mind the child a while.
                || at.next.starts_with('点') && ["孩子", "小孩", "家", "门", "行李", "锅"].contains(&at.next2)) =>
        {
            "kan1"
        }
        // 跟谁都处得来: getting along.
        '处' if i == 0 && next == Some('得') => "chu3",
        '转' if word == ['转', '转'] => "zhuan4",
        // 教教我: teaching, the verb doubled.
        '教' if word == ['教', '教'] => "jiao1",
        // 豆腐坊: a workshop (jieba's word; 牌坊 and 街坊 are fāng).
        '坊' if i + 1 == word.len() && in_set(prev, WORKSHOPS) => "fang2",
        // 范进中举 (jieba's name 范进中): passing the examination.
        '中' if i + 1 == word.len() && at.next == "举" => "zhong4",
        // 整整十载: years.
        '载' if i + 1 == word.len() && in_set(prev, "一二三四五六七八九十百千万几数") => {
            "zai3"
        }
        // 在妈妈的背上: on the back.
        '背' if word == ['背', '上'] && at.prev == "的" => "bei4",
        // 用清水漂一漂 (jieba's word 水漂): rinsing.
        '漂' if word == ['水', '漂'] && (at.next == "一" || at.next == "了") => "piao3",
        // 空气闷得让人喘不过气 (jieba's word 闷得): stuffy.
        '闷' if word == ['闷', '得'] && at.mentions(&["空气", "屋", "房间", "车厢", "天气"]) => {
            "men1"
        }
        // 院子里间或传来: now and then (里 and 间或; jieba's word 里间).
        '间' if word == ['里', '间'] && at.next == "或" => "jian4",
        // 川藏线, 青藏高原: Tibet.
        '藏' if in_set(prev, "川青") => "zang4",
        // 扇扇子: fanning with a fan (a word to jieba).
        '扇' if i == 0 && next == Some('扇') => "shan1",
        // 桌子腿折了 (jieba's word 腿折): snapped.
        '折' if i == 1 && prev == Some('腿') && at.next_in("了") => "she2",
        // 难挨: hard to endure.
        '挨' if prev == Some('难') => "ai2",
        // 搂钱: raking in money.
        '搂' if i == 0 && next == Some('钱') => "lou1",
        // 压根就没: not at all.
        '压' if i == 0 && next == Some('根') => "ya4",
        // 年少有为: young (jieba cuts 年/少有/为).
        '少' if i == 0 && word == ['少', '有'] && at.prev == "年" => "shao4",
        // 默而识之: remembering.
        '识' if prev == Some('而') && next == Some('之') => "zhi4",
        // 载入史册: recorded (载入内存 loads).
        '载' if i == 0 && next == Some('入') && at.ahead(12).any(|c| c == '史' || c == '册') => {
            "zai3"
        }
        // 背着我打电话: behind someone's back.
        '背' if i == 0
            && word == ['背', '着']
            && at.next_is(&["r"])
            && at.next_in("我你他她咱人大别") =>
        {
            "bei4"
        }
        // 的的确确: truly, the word 的确 said twice.
        '的' if word.starts_with(&['的', '的', '确']) => "di2",
        '囤' if in_set(next, "货积粮米菜") => "tun2",
        '柏' if prev == Some('黄') => "bo4",
        // 把稻子晒在场上 (jieba's word 场上): the threshing floor.
        '场' if i == 0
            && at.mentions(&["稻", "麦", "谷", "粮", "豆子", "庄稼"])
            && at.mentions(&["晒", "扬", "打", "堆"]) =>
        {
            "chang2"
        }
        // 把马系在树上 (jieba's word 马系): tied.
        '系' if i == 1
            && word.len() == 2
            && in_set(prev, "马牛驴骡羊船")
            && at.next_in("在上好紧住") =>
        {
            "ji4"
        }
        // 一杆 (jieba's numeral): the measure word.
        '杆' if i + 1 == word.len() && in_set(prev, "一两三几这那每半") => "gan3",
        // 饮牛 (a word to jieba): watering the animal.
        '饮' if i == 0 && in_set(next, "马牛羊驴骡") => "yin4",
        '合' if i == 0 && at.counted() && at.ahead(4).any(|c| c == '升') => "ge3",
        // 以其人之道，还治其人之身 (a word to jieba).
        '还' if i == 0 && next == Some('治') => "huan2",
        // 发生了口角: a quarrel.
        '角' if prev == Some('口') && (at.prev == "了" || at.prev.contains("发生")) => "jue2",
        '宁' if i == 0 && next == Some('死') => "ning4",
        // 没划着: did not manage to.
        '着' if i >= 1 && i + 1 == word.len() && (at.prev == "没" || at.prev == "不") => "zhao2",
        // 把扣子钉好: nailing or sewing on.
        '钉' if i == 0 && in_set(next, "好上住紧牢") => "ding4",
        // 全长, 身长, 特长: length; 有多长: how long.
        '长' if i + 1 == word.len() && in_set(prev, "多全身狭细冗波特擅专见") => {
            "chang2"
        }
        '长' if in_set(prev, "校部院组家市厂队班县省局科船会村社所处团师兵首") => {
            "zhang3"
        }
        '只' if in_set(prev, "一两三几这那每各") => "zhi1",
        '卷' if in_set(prev, "一二两三四五六七八九十几上中下首末各每") => {
            "juan4"
        }
        // 把画卷了起来: the word jieba found is a noun, but a verb's complement follows.
        '卷' if i + 1 == word.len() && at.next_in("了起着成") => "juan3",
        '降' if i == 0 && in_set(next, "妖魔龙伏服") => "xiang2",
        '着' if i + 1 == word.len() && at.next == "起来" => "zhao2",
        // Doses: 吃两服, 一服药 (两服上襄 are a chariot's horses, fú).
        '担' if in_set(prev, "一两三几这那每") => "dan4",
        '服' if in_set(prev, "一两三几这那每") && (at.last() || at.next.contains('药')) => {
            "fu4"
        }
        // 终于结果了, 很快就能结果: bears fruit, not a result.
        '结' if word == ['结', '果']
            && (at.prev_is(&["d"]) || ["能", "会", "要", "开始"].contains(&at.prev))
            && (at.next_in("了") || at.last()) =>
        {
            "jie1"
        }
        '着' if in_set(prev, "一这那几每高") && i + 1 == word.len() => "zhao1",
        '似' if i + 1 == word.len() && in_set(prev, "也般") && at.next_in("的") => "shi4",
        '背' if i == 0 && word == ['背', '上'] && at.next_is(&["n"]) => "bei1",
        '圈' if in_set(prev, "猪羊牛马鸡鸭") || in_set(next, "养") => "juan4",
        '禁' if in_set(next, "穿用洗磨摔晒") => "jin1",
        '得' if i > 0
            && word.len() == 2
            && !in_set(prev, "获取赢值难懂记使显晓免")
            && in_set(prev, "长跑走说写做吃看听学干") =>
        {
            "de5"
        }
        _ => return None,
    })
}
