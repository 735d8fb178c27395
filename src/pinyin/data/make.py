"""Regenerates chars.txt, phrases.txt and plain.txt from pypinyin's data files (MIT; see README.md here).

Run: python3 make.py PATH/TO/site-packages/pypinyin
Readings are written as ASCII syllables with a tone digit (1-4, 5 for the neutral tone, `v` for ü),
so the shipped tables stay small and the Rust side converts them to marks, numbers or 注音.
"""
import json
import re
import sys
import unicodedata

# The characters src/pinyin/rules.rs reads by rule: each arm of its matches on a character.
with open("../rules.rs", encoding="utf-8") as rules:
    RULED = "".join(sorted(set(re.findall(r"^\s*'(.)' (?:=>|if)", rules.read(), re.M))))
# A character's commonest reading standing alone as a word in modern text, where pypinyin lists
# a rarer one first (切 qiè comes in 一切, a listed word; 切菜 is qiē). Words that read the other
# way then land in phrases.txt.
FIRST = {
    "切": "qie1", "划": "hua2", "尽": "jin4", "脏": "zang1", "剥": "bao1", "似": "si4",
    "铺": "pu1", "泊": "bo2", "挣": "zheng4", "茄": "qie2", "嚼": "jiao2", "琢": "zhuo2",
}
# Readings 《现代汉语词典》 (7th edition) and the 审音表 no longer give, which pypinyin keeps (偏颇
# piānpǒ, 框架 kuāng, 屋脊 jí): read as the dictionary now reads them.
RETIRED = {
    ("颇", "po3"): "po1", ("框", "kuang1"): "kuang4", ("脊", "ji2"): "ji3", ("萎", "wei1"): "wei3",
    ("甸", "dian1"): "dian4", ("晟", "cheng2"): "sheng4",
}
# Words pypinyin 0.55 lacks or reads otherwise than 《现代汉语词典》 does in running text: ours.
EXTRA = {
    "蒙古": "meng3 gu3", "内蒙古": "nei4 meng3 gu3", "蒙古族": "meng3 gu3 zu2",
    "蒙古包": "meng3 gu3 bao1", "中肯": "zhong4 ken3", "作揖": "zuo1 yi1",
    "掉色": "diao4 shai3", "落下": "luo4 xia4", "流血": "liu2 xue4", "猪圈": "zhu1 juan4",
    "羊圈": "yang2 juan4", "圈养": "juan4 yang3",
    "宁死不降": "ning4 si3 bu4 xiang2", "降妖除魔": "xiang2 yao1 chu2 mo2",
    "一物降一物": "yi1 wu4 xiang2 yi1 wu4", "梁山泊": "liang2 shan1 po1", "旋风": "xuan4 feng1",
    "卡住": "qia3 zhu4", "切菜": "qie1 cai4", "眼泡": "yan3 pao1",
    "折跟头": "zhe1 gen1 tou5", "度君子之腹": "duo2 jun1 zi3 zhi1 fu4",
    "变废为宝": "bian4 fei4 wei2 bao3", "朝九晚五": "zhao1 jiu3 wan3 wu3", "落色": "lao4 shai3",
    "把儿": "ba4 er5", "豆腐泡": "dou4 fu5 pao1", "踏实": "ta1 shi5", "果实累累": "guo3 shi2 lei2 lei2",
    "绷着脸": "beng3 zhe5 lian3", "蒙混": "meng1 hun4", "蒙混过关": "meng1 hun4 guo4 guan1",
    "牛圈": "niu2 juan4", "马圈": "ma3 juan4", "应和": "ying4 he4", "还款": "huan2 kuan3",
    "藏语": "zang4 yu3", "藏文": "zang4 wen2", "藏区": "zang4 qu1", "藏医": "zang4 yi1",
    "藏传佛教": "zang4 chuan2 fo2 jiao4", "菌子": "jun4 zi5",
    "琢磨": "zuo2 mo5", "麻将": "ma2 jiang4", "糖分": "tang2 fen4", "问卷": "wen4 juan4",
    "一着不慎": "yi1 zhao1 bu4 shen4", "一针见血": "yi1 zhen1 jian4 xue4", "中举": "zhong4 ju3",
    "炮羊肉": "bao1 yang2 rou4", "解缙": "xie4 jin4", "仇英": "qiu2 ying1", "宁戚": "ning4 qi1",
    "葛洪": "ge3 hong2", "伍员": "wu3 yun2", "繁钦": "po2 qin1", "召公": "shao4 gong1",
    "区寄": "ou1 ji4", "解法": "jie3 fa3", "查查": "cha2 cha2",
    # 朴 is piáo only as a surname; pypinyin's table reads these piáo.
    "勤朴": "qin2 pu3", "古朴": "gu3 pu3", "拙朴": "zhuo1 pu3", "敦朴": "dun1 pu3",
    "浑朴": "hun2 pu3", "简朴": "jian3 pu3", "素朴": "su4 pu3", "纯朴": "chun2 pu3",
    "诚朴": "cheng2 pu3", "质朴": "zhi4 pu3", "醇朴": "chun2 pu3",
    # 为 is wéi in these (is, as, become; 最为 and 颇为 the adverbs); pypinyin reads wèi.
    "列为": "lie4 wei2", "最为": "zui4 wei2", "评为": "ping2 wei2", "视为": "shi4 wei2",
    "变为": "bian4 wei2", "大为": "da4 wei2", "名为": "ming2 wei2", "定为": "ding4 wei2",
    "尤为": "you2 wei2", "身为": "shen1 wei2", "沦为": "lun2 wei2", "化为": "hua4 wei2",
    "实为": "shi2 wei2", "应为": "ying1 wei2", "华为": "hua2 wei2", "题为": "ti2 wei2",
    "结为": "jie2 wei2", "所为": "suo3 wei2", "聘为": "pin4 wei2", "广为": "guang3 wei2",
    "做为": "zuo4 wei2", "颇为": "po1 wei2", "略为": "lve4 wei2",
    "善为": "shan4 wei2",
    "喻为": "yu4 wei2",
    # Found by a review of the commonest words that hold a polyphonic character.
    "称之为": "cheng1 zhi1 wei2", "为名": "wei2 ming2", "花岗岩": "hua1 gang1 yan2",
    "花岗石": "hua1 gang1 shi2", "那末": "na4 me5", "猛地": "meng3 de5", "忽地": "hu1 de5",
    "蓦地": "mo4 de5", "霍地": "huo4 de5", "腾地": "teng2 de5", "似地": "shi4 de5",
    "着实": "zhuo2 shi2", "身着": "shen1 zhuo2", "重檐": "chong2 yan2", "宜都": "yi2 du1",
    "散发": "san4 fa1", "希特勒": "xi1 te4 le4", "接应": "jie1 ying4", "处在": "chu3 zai4",
    "布什": "bu4 shi2", "运转": "yun4 zhuan3", "体长": "ti3 chang2", "券门": "xuan4 men2",
    "无处": "wu2 chu4", "用处": "yong4 chu4", "上行": "shang4 xing2", "登场": "deng1 chang3",
    "少不了": "shao3 bu4 liao3", "少不得": "shao3 bu4 de5", "铺筑": "pu1 zhu4",
    "一肚子": "yi1 du4 zi5", "不怀好意": "bu4 huai2 hao3 yi4", "马尾": "ma3 wei3",
    "马朝旭": "ma3 zhao1 xu4",
    "丘处机": "qiu1 chu3 ji1", "为准": "wei2 zhun3", "众将": "zhong4 jiang4", "端的": "duan1 di4",
    "应力": "ying4 li4", "纳什": "na4 shi2", "温差": "wen1 cha1", "着地": "zhao2 di4", "为重": "wei2 zhong4",
    "系统地": "xi4 tong3 de5", "冠以": "guan4 yi3", "级差": "ji2 cha1", "草甸": "cao3 dian4",
    "般地": "ban1 de5", "粘膜": "nian2 mo2", "司礼监": "si1 li3 jian4", "长三角": "chang2 san1 jiao3",
    "身处": "shen1 chu3", "进行曲": "jin4 xing2 qu3", "一曲": "yi1 qu3", "给事中": "ji3 shi4 zhong1",
    "太行": "tai4 hang2", "耶路撒冷": "ye1 lu4 sa1 leng3", "张国焘": "zhang1 guo2 tao1", "落差": "luo4 cha1",
    "薄膜": "bo2 mo2", "染发": "ran3 fa4", "长阳": "chang2 yang2", "副将": "fu4 jiang4",
    "长山": "chang2 shan1", "只当": "zhi3 dang4", "长堤": "chang2 di1", "回鹘": "hui2 hu2",
    "散货": "san3 huo4", "米芾": "mi3 fu2", "支行": "zhi1 hang2", "耶律": "ye1 lv4",
    "不失为": "bu4 shi1 wei2", "调蓄": "tiao2 xu4", "干重": "gan1 zhong4", "曾宪梓": "zeng1 xian4 zi3",
    "干面": "gan1 mian4", "西塞山": "xi1 sai4 shan1", "涂长望": "tu2 chang2 wang4", "沙咀": "sha1 zui3",
    "糖色": "tang2 shai3", "田长霖": "tian2 chang2 lin2", "蔡甸": "cai4 dian4", "曾都": "zeng1 du1",
    "何曾": "he2 ceng2", "不切实际": "bu4 qie4 shi2 ji4", "强人": "qiang2 ren2", "调档": "diao4 dang4",
    "塔什干": "ta3 shi2 gan1", "出处": "chu1 chu4", "划水": "hua2 shui3", "漯河": "luo4 he2",
    "大堡礁": "da4 bao3 jiao1", "苦处": "ku3 chu4", "撩开": "liao1 kai1",
    "百色": "bo2 se4", "什邡": "shi2 fang1", "沌口": "zhuan4 kou3", "穆棱": "mu4 ling2",
    "栎阳": "yue4 yang2",
    # Lines of verse schoolchildren learn.
    "的卢": "di2 lu2", "了却": "liao3 que4", "兴尽": "xing4 jin4", "长精神": "zhang3 jing1 shen2",
    "探看": "tan4 kan1", "著花": "zhuo2 hua1", "都护": "du1 hu4", "汉塞": "han4 sai4",
    "场圃": "chang2 pu3", "笼盖": "long3 gai4", "强说": "qiang3 shuo1", "飞将": "fei1 jiang4",
    "返景": "fan3 ying3", "密密缝": "mi4 mi4 feng2",
    "蜡炬成灰泪始干": "la4 ju4 cheng2 hui1 lei4 shi3 gan1",
    "绰起": "chao1 qi3", "好出风头": "hao4 chu1 feng1 tou5",
    "场院": "chang2 yuan4", "朝鲜": "chao2 xian3", "乡长": "xiang1 zhang3", "副乡长": "fu4 xiang1 zhang3",
    "署长": "shu3 zhang3", "肚子": "du4 zi5", "拉肚子": "la1 du4 zi5",
    "快干": "kuai4 gan1", "一溜": "yi1 liu4", "一溜烟": "yi1 liu4 yan1", "大喝一声": "da4 he4 yi1 sheng1",
    "一觉醒来": "yi1 jiao4 xing3 lai2", "露脸": "lou4 lian3", "爱答不理": "ai4 da1 bu4 li3",
    "混蛋": "hun2 dan4", "有难同当": "you3 nan4 tong2 dang1", "藏羚羊": "zang4 ling2 yang2",
    "切块": "qie1 kuai4", "切开": "qie1 kai1", "切线": "qie1 xian4", "切除术": "qie1 chu2 shu4",
    "切肉": "qie1 rou4", "意犹未尽": "yi4 you2 wei4 jin4", "气数已尽": "qi4 shu4 yi3 jin4",
    "费尽": "fei4 jin4", "尽职尽责": "jin4 zhi2 jin4 ze2", "脏兮兮": "zang1 xi1 xi1",
    "摊铺": "tan1 pu1", "铺就": "pu1 jiu4", "尼泊尔": "ni2 bo2 er3", "莫泊桑": "mo4 bo2 sang1",
    "泊头": "bo2 tou2", "茄汁": "qie2 zhi1", "闷热": "men1 re4", "一哄而散": "yi1 hong4 er2 san4",
    "一哄而起": "yi1 hong4 er2 qi3", "一哄而上": "yi1 hong4 er2 shang4",
    "晃来晃去": "huang4 lai2 huang4 qu4", "山参": "shan1 shen1", "野山参": "ye3 shan1 shen1",
    "撇嘴": "pie3 zui3", "晕血": "yun4 xue4", "供述": "gong4 shu4", "供认": "gong4 ren4",
    "直奔": "zhi2 ben4", "作料": "zuo2 liao4", "硕果累累": "shuo4 guo3 lei2 lei2",
    "果脯": "guo3 fu3", "单县": "shan4 xian4", "查良镛": "zha1 liang2 yong1", "会稽": "kuai4 ji1",
    "芥蓝": "gai4 lan2", "上声": "shang3 sheng1", "鸭绿江": "ya1 lu4 jiang1",
    "网吧": "wang3 ba1", "吧台": "ba1 tai2", "断喝": "duan4 he4", "应声": "ying4 sheng1",
    "种瓜": "zhong4 gua1", "种豆": "zhong4 dou4",
    "蔓菁": "man2 jing5", "热轧": "re4 zha2", "冷轧": "leng3 zha2",
    "当耳旁风": "dang4 er3 pang2 feng1", "秦桧": "qin2 hui4", "饮马": "yin4 ma3",
    "转动": "zhuan4 dong4",
    "被选为": "bei4 xuan3 wei2",
    "正中要害": "zheng4 zhong4 yao4 hai4",
    # 琢 is zhuó, carving, but in 琢磨 pondering (zuómo); pypinyin reads these zuó or zhuómó.
    "精雕细琢": "jing1 diao1 xi4 zhuo2", "琢玉": "zhuo2 yu4", "玉不琢": "yu4 bu4 zhuo2",
    "琢玉成器": "zhuo2 yu4 cheng2 qi4", "瞎琢磨": "xia1 zuo2 mo5", "琢磨不透": "zuo2 mo5 bu4 tou4",
    "以小人之心度君子之腹": "yi3 xiao3 ren2 zhi1 xin1 duo2 jun1 zi3 zhi1 fu4",
}
MARKS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


def numbered(syllable):
    """`zhōng` -> `zhong1`, `lǜ` -> `lv4`, `de` -> `de5`."""
    tone = "5"
    out = []
    for c in unicodedata.normalize("NFD", syllable.strip()):
        if c in MARKS:
            tone = MARKS[c]
        elif c == "\u0308":
            out[-1] = "v"
        else:
            out.append(c)
    s = "".join(out).replace("ü", "v")
    # ḿ / ń / ň / ǹ (呣, 嗯) come precomposed-only in some fonts: keep them as m/n with a tone.
    return s + tone


def han(c):
    o = ord(c)
    return 0x3400 <= o <= 0x9FFF or 0x20000 <= o <= 0x3134F or o == 0x3007


def pypinyin_reading(word, table, first):
    """`word` read as the tables read a word they do not list: its longest listed parts from
    the left, every other character by its first reading (pypinyin's order)."""
    out, i = [], 0
    while i < len(word):
        j = next((j for j in range(len(word), i + 1, -1) if word[i:j] in table), None)
        if j is None:
            out.append(first[word[i]])
            i += 1
        else:
            out.extend(table[word[i:j]])
            i = j
    return out


def main(root):
    chars = json.load(open(f"{root}/pinyin_dict.json", encoding="utf-8"))
    phrases = json.load(open(f"{root}/phrases_dict.json", encoding="utf-8"))
    default = {}
    pypinyin_first = {}
    with open("chars.txt", "w", encoding="utf-8") as out:
        for code in sorted(chars, key=int):
            c = chr(int(code))
            if not han(c):
                continue
            readings = [numbered(r) for r in chars[code].split(",")]
            readings = list(dict.fromkeys(RETIRED.get((c, r), r) for r in readings if r[:-1].isalpha()))
            if not readings:
                continue
            pypinyin_first[c] = readings[0]
            if c in FIRST:
                readings.remove(FIRST[c])
                readings.insert(0, FIRST[c])
            default[c] = readings[0]
            out.write(c + " " + " ".join(readings) + "\n")
    table = {}
    for word in sorted(phrases):
        syllables = [numbered(s[0]) for s in phrases[word]]
        if len(syllables) != len(word) or not all(c in default for c in word):
            continue
        # Tone sandhi of 一 and 不 is applied by rule, on request: store their base tones.
        table[word] = [
            {"一": "yi1", "不": "bu4"}.get(c, s) if s[:-1] in ("yi", "bu") else RETIRED.get((c, s), s)
            for c, s in zip(word, syllables)
        ]
    # pypinyin lists only the words its own first readings get wrong: a word jieba knows that
    # holds a FIRST character, that pypinyin does not list and that is not a verb keeps the
    # reading pypinyin's order gives it (密切 qiè, 心脏 zàng, 切入点 qiē); FIRST's readings are
    # the verbs' (切菜, 划破, 剥掉, 用尽).
    with open("../../segment/dict.txt", encoding="utf-8") as words:
        for line in words:
            word, _, tag = line.split()
            if (len(word) > 1 and word not in table and any(c in FIRST for c in word)
                    and not tag.startswith("v") and all(c in default for c in word)):
                table[word] = pypinyin_reading(word, table, pypinyin_first)
    table.update((w, s.split()) for w, s in EXTRA.items())
    table = dict(sorted(table.items()))
    differs = {w for w, s in table.items() if any(default[c] != r for c, r in zip(w, s))}

    def shadows(word):
        """A word read as its characters' first readings still counts when it contains a
        shorter listed word that would otherwise be matched inside it."""
        n = len(word)
        return any(word[i:j] in differs for i in range(n) for j in range(i + 2, n + 1) if j - i < n)

    kept = 0
    with open("phrases.txt", "w", encoding="utf-8") as out:
        for word, syllables in table.items():
            if word in differs or shadows(word):
                out.write(word + " " + " ".join(syllables) + "\n")
                kept += 1
    # Words read as their characters' first readings that hold a character src/pinyin/rules.rs
    # has rules for: inside them the rules stay quiet (`重视` keeps zhòng).
    ruled = set(RULED)
    with open("plain.txt", "w", encoding="utf-8") as out:
        for word, syllables in table.items():
            if word not in differs and not shadows(word) and ruled & set(word):
                out.write(word + "\n")
    # The listed words jieba's dictionary lacks: the segmenter takes them as rare words (会稽,
    # 芥蓝, 不亦说乎), else jieba cuts them into characters that are read one by one.
    with open("../../segment/dict.txt", encoding="utf-8") as words:
        known = {line.split()[0] for line in words}
    with open("phrases.txt", encoding="utf-8") as listed, \
            open("../../segment/extra.txt", "w", encoding="utf-8") as out:
        for line in listed:
            word = line.split()[0]
            if word not in known:
                out.write(word + "\n")
    print(len(default), "characters,", kept, "phrases of", len(phrases))


main(sys.argv[1])
