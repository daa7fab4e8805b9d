//! The names of government no suffix rule can find alone, because nothing before them
//! says "a name starts here" and jieba splits them into common words (财政部 is 财政 +
//! 部; 全国人民代表大会常务委员会 is five words): every provincial-level division, the
//! special administrative regions, the state-level new areas and regions, the bodies of
//! the State Council (current and former: a corpus spans decades), the courts, the
//! procuratorate, the congress and the political consultative conference, the Party's
//! central bodies, the army and the national mass organisations — closed sets, listed
//! whole, each with the short forms the government itself uses (发展改革委, 全国人大常委会).
//!
//! Found as written, longest first: 粤港澳大湾区 is one name, not 大湾区 in it;
//! 中国银行保险监督管理委员会 is not 中国银行.

use std::collections::HashSet;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::NameKind;

/// Provincial-level divisions and the state's other places.
const PLACES: &[&str] = &[
    "北京市",
    "天津市",
    "上海市",
    "重庆市",
    "河北省",
    "山西省",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "海南省",
    "四川省",
    "贵州省",
    "云南省",
    "陕西省",
    "甘肃省",
    "青海省",
    "台湾省",
    "内蒙古自治区",
    "广西壮族自治区",
    "西藏自治区",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
    "香港特别行政区",
    "澳门特别行政区",
    "中华人民共和国",
    // State-level new areas.
    "浦东新区",
    "滨海新区",
    "两江新区",
    "舟山群岛新区",
    "兰州新区",
    "南沙新区",
    "西咸新区",
    "贵安新区",
    "西海岸新区",
    "金普新区",
    "天府新区",
    "湘江新区",
    "江北新区",
    "福州新区",
    "滇中新区",
    "哈尔滨新区",
    "长春新区",
    "赣江新区",
    "雄安新区",
    // Regions of national strategies.
    "粤港澳大湾区",
    "长江经济带",
    "长江三角洲",
    "京津冀",
    "成渝地区双城经济圈",
    "海南自由贸易港",
];

/// Bodies of the state, the Party, the army and the mass organisations.
const ORGANISATIONS: &[&str] = &[
    // The congress, the conference, the state's top bodies.
    "全国人民代表大会",
    "全国人民代表大会常务委员会",
    "中国人民政治协商会议",
    "中国人民政治协商会议全国委员会",
    "中华人民共和国国务院",
    "中央军事委员会",
    "国家监察委员会",
    "最高人民法院",
    "最高人民检察院",
    // The State Council's departments.
    "国务院办公厅",
    "外交部",
    "国防部",
    "国家发展和改革委员会",
    "教育部",
    "科学技术部",
    "工业和信息化部",
    "国家民族事务委员会",
    "公安部",
    "国家安全部",
    "民政部",
    "司法部",
    "财政部",
    "人力资源和社会保障部",
    "自然资源部",
    "生态环境部",
    "住房和城乡建设部",
    "交通运输部",
    "水利部",
    "农业农村部",
    "商务部",
    "文化和旅游部",
    "国家卫生健康委员会",
    "退役军人事务部",
    "应急管理部",
    "中国人民银行",
    "审计署",
    // Former departments.
    "国家计划委员会",
    "国家发展计划委员会",
    "国家经济贸易委员会",
    "对外贸易经济合作部",
    "国土资源部",
    "环境保护部",
    "农业部",
    "文化部",
    "卫生部",
    "国家卫生和计划生育委员会",
    "监察部",
    "铁道部",
    "建设部",
    "人事部",
    "劳动和社会保障部",
    "信息产业部",
    "国家人口和计划生育委员会",
    // Bodies directly under the State Council, and its offices and institutions.
    "国务院国有资产监督管理委员会",
    "海关总署",
    "国家税务总局",
    "国家市场监督管理总局",
    "国家金融监督管理总局",
    "中国证券监督管理委员会",
    "中国银行保险监督管理委员会",
    "中国银行业监督管理委员会",
    "中国保险监督管理委员会",
    "国家广播电视总局",
    "国家体育总局",
    "国家信访局",
    "国家统计局",
    "国家知识产权局",
    "国家国际发展合作署",
    "国家医疗保障局",
    "国务院参事室",
    "国家机关事务管理局",
    "国家新闻出版署",
    "国家版权局",
    "国家宗教事务局",
    "国务院研究室",
    "国务院港澳事务办公室",
    "国务院台湾事务办公室",
    "国务院新闻办公室",
    "国务院发展研究中心",
    "国务院扶贫开发领导小组办公室",
    "国家互联网信息办公室",
    "新华通讯社",
    "中国科学院",
    "中国社会科学院",
    "中国工程院",
    "中国气象局",
    "国家粮食和物资储备局",
    "国家能源局",
    "国家数据局",
    "国家国防科技工业局",
    "国家烟草专卖局",
    "国家移民管理局",
    "国家林业和草原局",
    "国家铁路局",
    "中国民用航空局",
    "国家邮政局",
    "国家文物局",
    "国家中医药管理局",
    "国家疾病预防控制局",
    "国家矿山安全监察局",
    "国家消防救援局",
    "国家外汇管理局",
    "国家药品监督管理局",
    "国家乡村振兴局",
    "国家食品药品监督管理总局",
    "国家质量监督检验检疫总局",
    "国家工商行政管理总局",
    "国家安全生产监督管理总局",
    "国家新闻出版广电总局",
    "国家海洋局",
    "国家旅游局",
    "国家林业局",
    "国家公务员局",
    "国家档案局",
    "国家航天局",
    "国家原子能机构",
    // The Party.
    "中国共产党",
    "中国共产党中央委员会",
    "中共中央",
    "中共中央办公厅",
    "中国共产党中央纪律检查委员会",
    "中共中央纪律检查委员会",
    "中共中央组织部",
    "中共中央宣传部",
    "中共中央统一战线工作部",
    "中共中央对外联络部",
    "中共中央政法委员会",
    "中共中央政策研究室",
    "中央财经委员会",
    "中央全面深化改革委员会",
    "中央国家安全委员会",
    "中央网络安全和信息化委员会",
    "中共中央党校",
    // The army, the corps.
    "中国人民解放军",
    "中国人民武装警察部队",
    "新疆生产建设兵团",
    // Mass organisations.
    "中华全国总工会",
    "中国共产主义青年团",
    "共青团中央",
    "中华全国妇女联合会",
    "中国科学技术协会",
    "中华全国工商业联合会",
    "中国残疾人联合会",
    "中国红十字会",
    "中国文学艺术界联合会",
    "中国作家协会",
    "中华全国归国华侨联合会",
    "中华全国台湾同胞联谊会",
];

/// The short forms the government uses, each with the full name it stands for.
const SHORT_FORMS: &[(&str, &str)] = &[
    ("全国人大", "全国人民代表大会"),
    ("全国人大常委会", "全国人民代表大会常务委员会"),
    ("全国政协", "中国人民政治协商会议全国委员会"),
    ("中央军委", "中央军事委员会"),
    ("国家监委", "国家监察委员会"),
    ("最高法", "最高人民法院"),
    ("最高检", "最高人民检察院"),
    ("国家发展改革委", "国家发展和改革委员会"),
    ("发展改革委", "国家发展和改革委员会"),
    ("国家发改委", "国家发展和改革委员会"),
    ("科技部", "科学技术部"),
    ("工业和信息化部", "工业和信息化部"),
    ("工信部", "工业和信息化部"),
    ("国家民委", "国家民族事务委员会"),
    ("人力资源社会保障部", "人力资源和社会保障部"),
    ("人社部", "人力资源和社会保障部"),
    ("住房城乡建设部", "住房和城乡建设部"),
    ("住建部", "住房和城乡建设部"),
    ("文化旅游部", "文化和旅游部"),
    ("国家卫生健康委", "国家卫生健康委员会"),
    ("国家卫健委", "国家卫生健康委员会"),
    ("国家卫生计生委", "国家卫生和计划生育委员会"),
    ("人民银行", "中国人民银行"),
    ("国务院国资委", "国务院国有资产监督管理委员会"),
    ("国资委", "国务院国有资产监督管理委员会"),
    ("证监会", "中国证券监督管理委员会"),
    ("中国证监会", "中国证券监督管理委员会"),
    ("银保监会", "中国银行保险监督管理委员会"),
    ("中国银保监会", "中国银行保险监督管理委员会"),
    ("银监会", "中国银行业监督管理委员会"),
    ("保监会", "中国保险监督管理委员会"),
    ("税务总局", "国家税务总局"),
    ("市场监管总局", "国家市场监督管理总局"),
    ("金融监管总局", "国家金融监督管理总局"),
    ("广电总局", "国家广播电视总局"),
    ("体育总局", "国家体育总局"),
    ("国家医保局", "国家医疗保障局"),
    ("国务院港澳办", "国务院港澳事务办公室"),
    ("国务院台办", "国务院台湾事务办公室"),
    ("国务院新闻办", "国务院新闻办公室"),
    ("国务院扶贫办", "国务院扶贫开发领导小组办公室"),
    ("国家网信办", "国家互联网信息办公室"),
    ("新华社", "新华通讯社"),
    ("中科院", "中国科学院"),
    ("国家粮食和储备局", "国家粮食和物资储备局"),
    ("国家国防科工局", "国家国防科技工业局"),
    ("国家林草局", "国家林业和草原局"),
    ("民航局", "中国民用航空局"),
    ("国家药监局", "国家药品监督管理局"),
    ("中央纪委", "中国共产党中央纪律检查委员会"),
    ("中央组织部", "中共中央组织部"),
    ("中央宣传部", "中共中央宣传部"),
    ("中央统战部", "中共中央统一战线工作部"),
    ("中央政法委", "中共中央政法委员会"),
    ("中央财经委", "中央财经委员会"),
    ("中央深改委", "中央全面深化改革委员会"),
    ("中央网信委", "中央网络安全和信息化委员会"),
    ("解放军", "中国人民解放军"),
    ("武警部队", "中国人民武装警察部队"),
    ("全国总工会", "中华全国总工会"),
    ("共青团", "中国共产主义青年团"),
    ("全国妇联", "中华全国妇女联合会"),
    ("中国科协", "中国科学技术协会"),
    ("全国工商联", "中华全国工商业联合会"),
    ("中国残联", "中国残疾人联合会"),
    ("中国文联", "中国文学艺术界联合会"),
    ("中国作协", "中国作家协会"),
    ("全国侨联", "中华全国归国华侨联合会"),
    ("香港", "香港特别行政区"),
    ("澳门", "澳门特别行政区"),
    ("内蒙古", "内蒙古自治区"),
    ("广西", "广西壮族自治区"),
    ("西藏", "西藏自治区"),
    ("宁夏", "宁夏回族自治区"),
    ("新疆", "新疆维吾尔自治区"),
    ("长三角", "长江三角洲"),
];

/// A name of government found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficialName {
    pub name: &'static str,
    pub kind: NameKind,
    /// The full name, for a short form.
    pub short_for: Option<&'static str>,
    /// Character offsets in the text.
    pub start: usize,
    pub end: usize,
}

struct Official {
    automaton: AhoCorasick,
    entries: Vec<(&'static str, NameKind, Option<&'static str>)>,
    /// The entries' names, to tell a listed name without a scan.
    listed: HashSet<&'static str>,
}

static OFFICIAL: LazyLock<Official> = LazyLock::new(|| {
    let mut entries: Vec<(&'static str, NameKind, Option<&'static str>)> = Vec::new();
    entries.extend(PLACES.iter().map(|n| (*n, NameKind::Place, None)));
    entries.extend(
        ORGANISATIONS
            .iter()
            .map(|n| (*n, NameKind::Organisation, None)),
    );
    for (short, full) in SHORT_FORMS {
        if short == full {
            continue;
        }
        let kind = if PLACES.contains(full) {
            NameKind::Place
        } else {
            NameKind::Organisation
        };
        entries.push((short, kind, Some(full)));
    }
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(entries.iter().map(|e| e.0))
        .expect("the names of government are a small fixed set");
    let listed = entries.iter().map(|e| e.0).collect();
    Official {
        automaton,
        entries,
        listed,
    }
});

/// Whether `name` is one of the names of government listed here, or a short form of one.
pub fn is_listed(name: &str) -> bool {
    OFFICIAL.listed.contains(name)
}

/// Every name of government written in `text` (folded), longest first where they
/// overlap, in text order, with character offsets.
pub fn find(text: &str) -> Vec<OfficialName> {
    let official = &*OFFICIAL;
    let (mut byte, mut char) = (0, 0);
    let mut found = Vec::new();
    for m in official.automaton.find_iter(text) {
        char += text[byte..m.start()].chars().count();
        let start = char;
        char += text[m.start()..m.end()].chars().count();
        byte = m.end();
        let (name, kind, short_for) = official.entries[m.pattern().as_usize()];
        found.push(OfficialName {
            name,
            kind,
            short_for,
            start,
            end: char,
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_name_is_the_one_found() {
        // laws_lawrefbook/docs/law_02093.txt, article 6 (cut).
        let law = "第六条 北京市辖区内应由中级人民法院受理的对中国人民银行、中国银行保险监督管理委员会、\
                   中国证券监督管理委员会、国家外汇管理局等国家金融管理部门";
        let names: Vec<&str> = find(law).iter().map(|n| n.name).collect();
        assert_eq!(
            names,
            vec![
                "北京市",
                "中国人民银行",
                "中国银行保险监督管理委员会",
                "中国证券监督管理委员会",
                "国家外汇管理局"
            ]
        );
        let first = &find(law)[0];
        assert_eq!((first.start, first.end), (4, 7));
        // xi_articles_12371/docs/xi_12371_2019-12-20_ARTI1576848649290234.txt, line 8 (cut).
        let speech = "参与共建“一带一路”和粤港澳大湾区建设取得积极进展。";
        assert_eq!(find(speech)[0].name, "粤港澳大湾区");
        // xi_articles_12371/docs/xi_12371_2019-01-02_ARTI1546409795677626.txt, line 8 (cut):
        // the standing committee, not the congress in it.
        let found = find("纪念全国人民代表大会常务委员会《告台湾同胞书》发表");
        assert_eq!(found[0].name, "全国人民代表大会常务委员会");
        // Short forms, with the names they stand for:
        // xi_articles_12371/docs/xi_12371_2018-05-19_ARTI1526735275136639.txt, line 22 (cut).
        let short: Vec<_> = find("国家发展改革委、财政部、生态环")
            .iter()
            .map(|n| (n.name, n.short_for))
            .collect();
        assert_eq!(
            short,
            vec![
                ("国家发展改革委", Some("国家发展和改革委员会")),
                ("财政部", None)
            ]
        );
    }

    #[test]
    fn every_short_form_stands_for_a_listed_name() {
        for (short, full) in SHORT_FORMS {
            assert!(
                PLACES.contains(full) || ORGANISATIONS.contains(full),
                "{short} → {full}"
            );
        }
    }
}
