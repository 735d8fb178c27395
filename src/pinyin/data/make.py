"""Regenerates chars.txt, phrases.txt and plain.txt from pypinyin's data files (MIT; see README.md here).

Run: python3 make.py PATH/TO/site-packages/pypinyin
Readings are written as ASCII syllables with a tone digit (1-4, 5 for the neutral tone, `v` for ü),
so the shipped tables stay small and the Rust side converts them to marks, numbers or 注音.
"""
import json
import re
import sys
import unicodedata

# The characters src/pinyin/rules.rs reads by rule: each arm of its matches on a character, and
# each surname of its tables (`('查', "zha1")`), which a name's first character reads as.
with open("../rules.rs", encoding="utf-8") as rules:
    ARMS = re.findall(r"^\s*(?:'(.)' (?:=>|if)|\('(.)', \")", rules.read(), re.M)
    RULED = "".join(sorted({arm or surname for arm, surname in ARMS}))
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
    # The next 8 000 words by frequency that hold a polyphonic character (after the 13 700
    # above), reviewed the same way: place and foreign names (长辛店, 张掖, 都灵, 塞浦路斯), 子 zǐ
    # in 原子, 才子, 荀子, the neutral tones 《现代汉语词典》 prints (石榴, 东家, 凑合), 为 wéi
    # (为官, 不愧为), 率 shuài, 弹 tán, 藏 Zàng, 重 chóng (多重, 重振).
    "巴不得": "ba1 bu5 de5", "比方": "bi3 fang5", "字号": "zi4 hao5", "原子量": "yuan2 zi3 liang4",
    "多重": "duo1 chong2", "勒马": "le4 ma3", "摇摇晃晃": "yao2 yao2 huang4 huang4", "点中": "dian3 zhong4",
    "不为过": "bu4 wei2 guo4", "舍人": "she4 ren2", "衙役": "ya2 yi5", "公家": "gong1 jia5",
    "挑剔": "tiao1 ti5", "梁子翁": "liang2 zi3 weng1", "奉承": "feng4 cheng5", "臣子": "chen2 zi3",
    "财主": "cai2 zhu5", "儿媳妇": "er2 xi2 fu5", "咆哮": "pao2 xiao4", "祸害": "huo4 hai5", "举子": "ju3 zi3",
    "告示": "gao4 shi5", "巴结": "ba1 jie5", "接种": "jie1 zhong4", "稀罕": "xi1 han5", "为官": "wei2 guan1",
    "东家": "dong1 jia5", "旅行家": "lv3 xing2 jia1", "阎王": "yan2 wang5", "凑合": "cou4 he5",
    "名堂": "ming2 tang5", "门路": "men2 lu5", "机灵": "ji1 ling5", "亲率": "qin1 shuai4",
    "慕容公子": "mu4 rong2 gong1 zi3", "今儿个": "jin1 er2 ge5", "率众": "shuai4 zhong4",
    "一幢": "yi1 zhuang4", "偏将": "pian1 jiang4", "眩晕": "xuan4 yun4", "崆峒": "kong1 tong2",
    "亲事": "qin1 shi5", "奸细": "jian1 xi5", "尉健行": "wei4 jian4 xing2", "石匠": "shi2 jiang5",
    "咕哝": "gu1 nong5", "打点": "da3 dian5", "为辅": "wei2 fu3", "敲打": "qiao1 da5",
    "膏药": "gao1 yao5", "孙子兵法": "sun1 zi3 bing1 fa3", "配子": "pei4 zi3", "李公子": "li3 gong1 zi3",
    "女朋友": "nv3 peng2 you5", "故事片": "gu4 shi5 pian4", "才子": "cai2 zi3", "朱长龄": "zhu1 chang2 ling2",
    "石榴": "shi2 liu5", "冤家": "yuan1 jia5", "饥荒": "ji1 huang5", "多只": "duo1 zhi1",
    "长脚": "chang2 jiao3", "教化": "jiao4 hua4", "荀子": "xun2 zi3", "养子": "yang3 zi3",
    "说不清楚": "shuo1 bu4 qing1 chu5", "铁栅栏": "tie3 zha4 lan5", "冷清": "leng3 qing5", "子嗣": "zi3 si4",
    "摒弃": "bing4 qi4", "氢原子": "qing1 yuan2 zi3", "利落": "li4 luo5", "朱先生": "zhu1 xian1 sheng5",
    "大老爷": "da4 lao3 ye5", "新娘子": "xin1 niang2 zi5", "加勒比": "jia1 le4 bi3", "刺中": "ci4 zhong4",
    "唠叨": "lao2 dao5", "疟疾": "nve4 ji5", "为先": "wei2 xian1", "鞋匠": "xie2 jiang5", "马虎": "ma3 hu5",
    "伏侍": "fu2 shi5", "查尔斯": "cha2 er3 si1", "待见": "dai4 jian5", "张掖": "zhang1 ye4",
    "待会儿": "dai1 hui4 er5", "柴火": "chai2 huo5", "被子植物": "bei4 zi3 zhi2 wu4",
    "疏忽大意": "shu1 hu5 da4 yi4", "重重地": "zhong4 zhong4 de5", "高差": "gao1 cha1", "黑子": "hei1 zi3",
    "反差": "fan3 cha1", "痒痒": "yang3 yang5", "货币量": "huo4 bi4 liang4", "刘子政": "liu2 zi3 zheng4",
    "电子学": "dian4 zi3 xue2", "长辛店": "chang2 xin1 dian4", "仙子": "xian1 zi3", "大栅栏": "da4 shi2 lan4",
    "诸子": "zhu1 zi3", "满头大汗": "man3 tou2 da4 han4", "塞浦路斯": "sai4 pu3 lu4 si1",
    "多普勒": "duo1 pu3 le4", "长效": "chang2 xiao4", "重振": "chong2 zhen4", "乐声": "yue4 sheng1",
    "子粒": "zi3 li4", "闵子华": "min3 zi3 hua2", "岁数": "sui4 shu5", "礼数": "li3 shu5",
    "芍药": "shao2 yao5", "卖弄": "mai4 nong5", "希罕": "xi1 han5", "什叶派": "shi2 ye4 pai4",
    "大姑娘": "da4 gu1 niang5", "私生子": "si1 sheng1 zi3", "世子": "shi4 zi3", "等离子": "deng3 li2 zi3",
    "阿塞拜疆": "a1 sai4 bai4 jiang1", "御史大夫": "yu4 shi3 da4 fu1", "燕都": "yan1 du1", "生子": "sheng1 zi3",
    "托勒密": "tuo1 le4 mi4", "多得多": "duo1 de5 duo1", "禁用": "jin4 yong4",
    "念叨": "nian4 dao5", "刺猬": "ci4 wei5", "职分": "zhi2 fen4", "都灵": "du1 ling2",
    "列宁格勒": "lie4 ning2 ge2 le4", "吱声": "zi1 sheng1", "都司": "du1 si1", "电子管": "dian4 zi3 guan3",
    "解宝": "xie4 bao3", "搭理": "da1 li5", "得悉": "de2 xi1", "洪都": "hong2 du1", "第一重": "di4 yi1 chong2",
    "脚色": "jue2 se4", "干湿": "gan1 shi1", "得主": "de2 zhu3", "缘分": "yuan2 fen4",
    "令狐公子": "ling2 hu2 gong1 zi3", "自然数": "zi4 ran2 shu4", "露水": "lu4 shui5", "叔伯": "shu1 bai5",
    "法勒": "fa3 le4", "由不得": "you2 bu4 de5", "数千只": "shu4 qian1 zhi1", "纪念展": "ji4 nian4 zhan3",
    "一般见识": "yi1 ban1 jian4 shi5", "内蒙": "nei4 meng3", "化子": "hua1 zi5", "栅栏": "zha4 lan5",
    "藏传": "zang4 chuan2", "贺子珍": "he4 zi3 zhen1", "扬子": "yang2 zi3",
    "乙炔": "yi3 que1", "华觉明": "hua4 jue2 ming2", "弹奏": "tan2 zou4", "悄无声息": "qiao3 wu2 sheng1 xi1",
    "介子": "jie4 zi3", "信得过": "xin4 de5 guo4", "玉真子": "yu4 zhen1 zi3", "发帖": "fa1 tie3",
    "位处": "wei4 chu3", "嬷嬷": "mo2 mo5", "厚道": "hou4 dao5", "抬举": "tai2 ju5", "爱子": "ai4 zi3",
    "耷拉": "da1 la5", "郑公子": "zheng4 gong1 zi3", "一斗": "yi1 dou3", "偏好": "pian1 hao4",
    "凭借着": "ping2 jie4 zhe5", "子系统": "zi3 xi4 tong3", "挖苦": "wa1 ku5", "灵便": "ling2 bian5",
    "生意人": "sheng1 yi5 ren2", "约摸": "yue1 mo5", "原子序数": "yuan2 zi3 xu4 shu4", "多着": "duo1 zhe5",
    "头里": "tou2 li5", "微电子": "wei1 dian4 zi3", "估摸": "gu1 mo5", "幼子": "you4 zi3", "得利": "de2 li4",
    "得益于": "de2 yi4 yu2", "滑溜": "hua2 liu5", "澎湃": "peng2 pai4", "澎湖": "peng2 hu2",
    "量化": "liang4 hua4", "阳离子": "yang2 li2 zi3", "电子器件": "dian4 zi3 qi4 jian4", "许都": "xu3 du1",
    "长尾": "chang2 wei3", "三相": "san1 xiang4", "不愧为": "bu4 kui4 wei2", "富余": "fu4 yu5",
    "中选": "zhong4 xuan3", "少阳": "shao4 yang2", "弹指": "tan2 zhi3", "盘剥": "pan2 bo1",
    "粘连": "nian2 lian2", "几近": "ji1 jin4", "巴塞尔": "ba1 sai4 er3",
    "马萨诸塞州": "ma3 sa4 zhu1 sai4 zhou1", "高句丽": "gao1 gou1 li2",
    "斯堪的纳维亚": "si1 kan1 di4 na4 wei2 ya4", "查士丁": "cha2 shi4 ding1", "裸子植物": "luo3 zi3 zhi2 wu4",
    "左子穆": "zuo3 zi3 mu4", "中郎将": "zhong1 lang2 jiang4",
    # And the 8 000 after those (jieba frequencies 111 to 62): 长治, 总行, 边长, 方差, 天台山,
    # 九华山, 桑给巴尔, 松赞干布, 椎间盘 zhuī, 数据分析 shù, 各行其是 xíng, 得救 dé, 舍利 shè,
    # 塞纳河 Sài, 洛克菲勒 lè, 子 zǐ in 电子束 and 韩非子, 相 xiàng in 气相.
    "墨子": "mo4 zi3", "中转": "zhong1 zhuan3", "救应": "jiu4 ying4", "粘度": "nian2 du4",
    "舒坦": "shu1 tan5", "姑父": "gu1 fu5", "魏公公": "wei4 gong1 gong5", "巴勒莫": "ba1 le4 mo4",
    "做作": "zuo4 zuo5", "没出息": "mei2 chu1 xi5", "陶子安": "tao2 zi3 an1", "为题": "wei2 ti2",
    "塞舌尔": "sai4 she2 er3", "得救": "de2 jiu4", "硬朗": "ying4 lang5", "舍利": "she4 li4",
    "鹿茸": "lu4 rong2", "偏转": "pian1 zhuan3", "干热": "gan1 re4", "长治": "chang2 zhi4",
    "哈欠": "ha1 qian5", "轰隆隆": "hong1 long1 long1", "总行": "zong3 hang2", "枇杷": "pi2 pa5",
    "电子显微镜": "dian4 zi3 xian3 wei1 jing4", "长裙": "chang2 qun2", "征得": "zheng1 de2",
    "得克萨斯州": "de2 ke4 sa4 si1 zhou1", "结结实实": "jie1 jie1 shi2 shi2", "负离子": "fu4 li2 zi3",
    "一个劲地": "yi1 ge4 jin4 de5", "明白人": "ming2 bai5 ren2", "悠长": "you1 chang2", "长凳": "chang2 deng4",
    "白净": "bai2 jing5", "甜头": "tian2 tou5", "阴离子": "yin1 li2 zi3", "子代": "zi3 dai4",
    "掺杂": "chan1 za2", "胶粘剂": "jiao1 nian2 ji4", "嘟囔": "du1 nang5", "麻利": "ma2 li5",
    "子侄": "zi3 zhi2", "打官司": "da3 guan1 si5", "踏踏实实": "ta1 ta1 shi2 shi2", "挣得": "zheng4 de2",
    "塞尔柱": "sai4 er3 zhu4", "士子": "shi4 zi3", "桑给巴尔": "sang1 ji3 ba1 er3", "刻划": "ke4 hua4",
    "大分子": "da4 fen1 zi3", "属相": "shu3 xiang5", "得道": "de2 dao4", "微观粒子": "wei1 guan1 li4 zi3",
    "电子束": "dian4 zi3 shu4", "边长": "bian1 chang2", "中微子": "zhong1 wei1 zi3", "可调": "ke3 tiao2",
    "九华山": "jiu3 hua2 shan1", "柳亚子": "liu3 ya4 zi3", "义子": "yi4 zi3", "甲子": "jia3 zi3",
    "五斗": "wu3 dou3", "公子爷": "gong1 zi3 ye2", "查尔顿": "cha2 er3 dun4", "韩非子": "han2 fei1 zi3",
    "仙都": "xian1 du1", "双子": "shuang1 zi3", "天台山": "tian1 tai1 shan1", "言中": "yan2 zhong4",
    "一撇": "yi1 pie3", "咽部": "yan1 bu4", "米勒": "mi3 le4", "情分": "qing2 fen4", "教习": "jiao4 xi2",
    "气相": "qi4 xiang4", "藏北": "zang4 bei3", "辈分": "bei4 fen4", "方差": "fang1 cha1", "穆勒": "mu4 le4",
    "要数": "yao4 shu3", "亏空": "kui1 kong5", "多难": "duo1 nan4", "液相": "ye4 xiang4",
    "爱将": "ai4 jiang4", "左光斗": "zuo3 guang1 dou3", "库什": "ku4 shi2", "松赞干布": "song1 zan4 gan1 bu4",
    "米利都": "mi3 li4 du1", "陆相": "lu4 xiang4", "划转": "hua4 zhuan3", "刘处玄": "liu2 chu3 xuan2",
    "库尔勒": "ku4 er3 le4", "眯缝": "mi1 feng5", "美塞尼亚": "mei3 sai4 ni2 ya4", "为伴": "wei2 ban4",
    "大汗淋漓": "da4 han4 lin2 li2", "子集": "zi3 ji2", "空地导弹": "kong1 di4 dao3 dan4",
    "三星电子": "san1 xing1 dian4 zi3", "克勒斯": "ke4 le4 si1", "尊长": "zun1 zhang3", "拾掇": "shi2 duo5",
    "架式": "jia4 shi5", "正离子": "zheng4 li2 zi3", "长绳": "chang2 sheng2", "宁都": "ning2 du1",
    "易卜拉欣": "yi4 bu3 la1 xin1", "塞维利亚": "sai4 wei2 li4 ya4", "教改": "jiao4 gai3", "算子": "suan4 zi3",
    "不在少数": "bu4 zai4 shao3 shu4", "冷冷清清": "leng3 leng3 qing1 qing1",
    "布加勒斯特": "bu4 jia1 le4 si1 te4", "得势": "de2 shi4", "掺入": "chan1 ru4",
    "斯大林格勒": "si1 da4 lin2 ge2 le4", "权当": "quan2 dang4", "棒槌": "bang4 chui5",
    "淮南子": "huai2 nan2 zi3", "石勒": "shi2 le4", "长平": "chang2 ping2", "长白": "chang2 bai2",
    "五只": "wu3 zhi1", "子夜": "zi3 ye4", "得罪人": "de2 zui4 ren2", "磨蹭": "mo2 ceng5",
    "长鞭": "chang2 bian1", "古时候": "gu3 shi2 hou5", "罗嗦": "luo1 suo5", "李善长": "li3 shan4 chang2",
    "燕郊": "yan1 jiao1", "生分": "sheng1 fen5", "重塑": "chong2 su4", "夫差": "fu1 chai1",
    "巴尔的摩": "ba1 er3 di4 mo2", "得奖": "de2 jiang3", "妹夫": "mei4 fu5", "炮仗": "pao4 zhang5",
    "都御史": "du1 yu4 shi3", "世行": "shi4 hang2", "外甥女": "wai4 sheng5 nv3",
    "实弹射击": "shi2 dan4 she4 ji1", "支使": "zhi1 shi5", "牢靠": "lao2 kao5", "罗什": "luo2 shi2",
    "豆腐块": "dou4 fu5 kuai4", "凉快": "liang2 kuai5", "洛克菲勒": "luo4 ke4 fei1 le4", "溜达": "liu1 da5",
    "正电子": "zheng4 dian4 zi3", "段公子": "duan4 gong1 zi3", "肖邦": "xiao1 bang1",
    "自由电子": "zi4 you2 dian4 zi3", "长臂": "chang2 bi4", "各行其是": "ge4 xing2 qi2 shi4",
    "塞纳河": "sai4 na4 he2", "玉玑子": "yu4 ji1 zi3", "长距离": "chang2 ju4 li2", "长顺": "chang2 shun4",
    "马马虎虎": "ma3 ma3 hu1 hu1", "一言一行": "yi1 yan2 yi1 xing2", "鲜亮": "xian1 liang5",
    "巴特勒": "ba1 te4 le4", "数据分析": "shu4 ju4 fen1 xi1", "节气": "jie2 qi5", "郭子兴": "guo1 zi3 xing1",
    "勾搭": "gou1 da5", "叶尼塞河": "ye4 ni2 sai4 he2", "畜牲": "chu4 sheng5", "聒噪": "guo1 zao4",
    "药都": "yao4 du1", "镢头": "jue2 tou5", "佛得角": "fo2 de2 jiao3", "冯铁匠": "feng2 tie3 jiang5",
    "姑夫": "gu1 fu5", "加德满都": "jia1 de2 man3 du1", "半只": "ban4 zhi1",
    "静脉曲张": "jing4 mai4 qu1 zhang1", "毫不客气": "hao2 bu4 ke4 qi5", "弹压": "tan2 ya1",
    "弹唱": "tan2 chang4", "狐狸精": "hu2 li5 jing1", "蒙语": "meng3 yu3", "视差": "shi4 cha1",
    "都大锦": "du1 da4 jin3", "长传": "chang2 chuan2", "塞拉利昂": "sai4 la1 li4 ang2", "秀气": "xiu4 qi5",
    "稀里糊涂": "xi1 li5 hu2 tu2", "腥气": "xing1 qi5", "塞尔维亚人": "sai4 er3 wei2 ya4 ren2",
    "庄稼汉": "zhuang1 jia5 han4", "应激": "ying4 ji1", "茶房": "cha2 fang5", "赔不是": "pei2 bu4 shi5",
    "重离子": "zhong4 li2 zi3", "亚行": "ya4 hang2", "席勒": "xi2 le4", "央告": "yang1 gao5",
    "彭和尚": "peng2 he2 shang5", "彼得格勒": "bi3 de2 ge2 le4", "椎间盘": "zhui1 jian1 pan2",
    "颈椎病": "jing3 zhui1 bing4", "舟子": "zhou1 zi3", "宗子": "zong1 zi3",
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
    # A reviewed word (EXTRA) is listed even where it reads as its characters' first readings:
    # its reading, not a rule for a character inside it, decides (各行其是 xíng after 各).
    differs = {w for w, s in table.items() if any(default[c] != r for c, r in zip(w, s))}
    differs |= set(EXTRA)

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
