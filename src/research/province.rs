//! The province a document belongs to, for spread by province: the one its manifest
//! names (`province`), else the one its issuing body or its title opens with — a
//! province (`浙江省人民代表大会常务委员会`, `陕西省安康市…`) or one of its prefecture-level
//! cities and prefectures (`青岛市人民代表大会常务委员会` → 山东省, `安康市人民政府办公室` →
//! 陕西省) — else `全国` for a central body (`国务院`, `最高人民法院`, a ministry) or a
//! document the manifest calls national. Counties and districts are not listed: a body
//! naming only one (`景宁畲族自治县人民代表大会`) has no province here rather than a guess.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::analysis::names::NameKind;
use crate::analysis::names::official;
use crate::catalog::DocumentRecord;

/// The group of central bodies and national documents.
pub const NATIONAL: &str = "全国";

/// Each provincial-level division with its prefecture-level divisions (cities by their
/// names without 市; prefectures, leagues and autonomous prefectures by their full names),
/// as the administrative divisions stood in 2023, and the former cities a corpus of
/// older texts still names (巢湖, 莱芜, 襄樊).
const DIVISIONS: &[(&str, &str)] = &[
    ("北京市", ""),
    ("天津市", ""),
    ("上海市", ""),
    ("重庆市", ""),
    (
        "河北省",
        "石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水",
    ),
    (
        "山西省",
        "太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁",
    ),
    (
        "内蒙古自治区",
        "呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布 兴安盟 锡林郭勒盟 阿拉善盟",
    ),
    (
        "辽宁省",
        "沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛",
    ),
    (
        "吉林省",
        "长春 吉林 四平 辽源 通化 白山 松原 白城 延边朝鲜族自治州",
    ),
    (
        "黑龙江省",
        "哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化 大兴安岭地区",
    ),
    (
        "江苏省",
        "南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁",
    ),
    (
        "浙江省",
        "杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水",
    ),
    (
        "安徽省",
        "合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城 巢湖",
    ),
    ("福建省", "福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德"),
    (
        "江西省",
        "南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶",
    ),
    (
        "山东省",
        "济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽 莱芜",
    ),
    (
        "河南省",
        "郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 济源",
    ),
    (
        "湖北省",
        "武汉 黄石 十堰 宜昌 襄阳 襄樊 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 恩施土家族苗族自治州",
    ),
    (
        "湖南省",
        "长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 湘西土家族苗族自治州",
    ),
    (
        "广东省",
        "广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮",
    ),
    (
        "广西壮族自治区",
        "南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左",
    ),
    ("海南省", "海口 三亚 三沙 儋州"),
    (
        "四川省",
        "成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 \
         阿坝藏族羌族自治州 甘孜藏族自治州 凉山彝族自治州",
    ),
    (
        "贵州省",
        "贵阳 六盘水 遵义 安顺 毕节 铜仁 黔西南布依族苗族自治州 黔东南苗族侗族自治州 黔南布依族苗族自治州",
    ),
    (
        "云南省",
        "昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 楚雄彝族自治州 红河哈尼族彝族自治州 文山壮族苗族自治州 \
         西双版纳傣族自治州 大理白族自治州 德宏傣族景颇族自治州 怒江傈僳族自治州 迪庆藏族自治州",
    ),
    ("西藏自治区", "拉萨 日喀则 昌都 林芝 山南 那曲 阿里地区"),
    (
        "陕西省",
        "西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛",
    ),
    (
        "甘肃省",
        "兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 临夏回族自治州 甘南藏族自治州",
    ),
    (
        "青海省",
        "西宁 海东 海北藏族自治州 黄南藏族自治州 海南藏族自治州 果洛藏族自治州 玉树藏族自治州 \
         海西蒙古族藏族自治州",
    ),
    ("宁夏回族自治区", "银川 石嘴山 吴忠 固原 中卫"),
    (
        "新疆维吾尔自治区",
        "乌鲁木齐 克拉玛依 吐鲁番 哈密 石河子 昌吉回族自治州 博尔塔拉蒙古自治州 巴音郭楞蒙古自治州 \
         阿克苏地区 克孜勒苏柯尔克孜自治州 喀什地区 和田地区 伊犁哈萨克自治州 塔城地区 阿勒泰地区",
    ),
    ("台湾省", ""),
    ("香港特别行政区", ""),
    ("澳门特别行政区", ""),
];

/// Every written form of a division (`青岛市`, `海南藏族自治州`, `陕西省`, and a province's
/// short form: `陕西`, `内蒙古`) and its province.
struct Places {
    automaton: AhoCorasick,
    /// Per form: its province, and whether it is a short form (counted only where a text
    /// opens with it: 北京 is also in 北京大学).
    forms: Vec<(&'static str, bool)>,
}

/// A province's short form: its name without 省, 市 or 自治区 and the people named in it.
fn short_form(province: &str) -> &str {
    let short = province
        .trim_end_matches("特别行政区")
        .trim_end_matches("自治区")
        .trim_end_matches(['省', '市']);
    ["壮族", "回族", "维吾尔"]
        .iter()
        .fold(short, |s, people| s.trim_end_matches(people))
}

static PLACES: LazyLock<Places> = LazyLock::new(|| {
    let mut names: Vec<String> = Vec::new();
    let mut forms = Vec::new();
    for &(province, divisions) in DIVISIONS {
        names.extend([province.to_string(), short_form(province).to_string()]);
        forms.extend([(province, false), (province, true)]);
        for division in divisions.split_whitespace() {
            let full = ["州", "盟", "地区"].iter().any(|s| division.ends_with(s));
            // A city by its name alone would find 朝阳 in 朝阳产业: only `朝阳市` counts.
            names.push(if full {
                division.to_string()
            } else {
                format!("{division}市")
            });
            forms.push((province, false));
        }
    }
    Places {
        automaton: AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&names)
            .expect("the divisions are a small fixed set"),
        forms,
    }
});

/// The province of the first division `text` names in full (`浙江省`, `青岛市`), or of the
/// short form it opens with (`上海（省/市）人民代表大会`).
fn named_in(text: &str) -> Option<&'static str> {
    PLACES.automaton.find_iter(text).find_map(|m| {
        let (province, short) = PLACES.forms[m.pattern().as_usize()];
        (!short || m.start() == 0).then_some(province)
    })
}

/// The province of the division `text` opens with.
fn opens_with(text: &str) -> Option<&'static str> {
    named_in(text).filter(|_| PLACES.automaton.find(text).is_some_and(|m| m.start() == 0))
}

/// Whether `body` is a central body: it opens with one of the names of government that is
/// no place (`国务院`, `最高人民法院`, `财政部`, `全国人民代表大会常务委员会`).
fn is_central(body: &str) -> bool {
    let body = body.strip_prefix("中华人民共和国").unwrap_or(body);
    official::find(body)
        .first()
        .is_some_and(|n| n.start == 0 && n.kind == NameKind::Organisation)
        || ["中共中央", "中央", "全国", "国务院", "最高人民"]
            .iter()
            .any(|p| body.starts_with(p))
}

/// The province of `doc` (or [`NATIONAL`]), `None` when nothing says.
pub fn province_of(doc: &DocumentRecord) -> Option<String> {
    let meta = &doc.meta;
    if let Some(named) = meta.extra.get("province").filter(|p| !p.trim().is_empty()) {
        return Some(named_in(named).map_or_else(|| named.trim().to_string(), str::to_string));
    }
    let body = meta.body.as_deref().unwrap_or_default();
    if let Some(province) = named_in(body) {
        return Some(province.to_string());
    }
    // A central body's law names places in its title (`中华人民共和国香港特别行政区基本法`).
    if is_central(body) {
        return Some(NATIONAL.to_string());
    }
    // A title that opens with its place (`2026年上海市政府工作报告`, `关于上海市推进…`); of a
    // local body without its place (`市政府`, `省政府办公厅`) or none, the first place the
    // title names (`市政府关于印发南京市…的通知`).
    let title = meta.title.as_deref().unwrap_or_default();
    let opening = title
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '年')
        .trim_start_matches("关于");
    let local = body.is_empty() || body.starts_with(['市', '省', '区', '县', '镇']);
    if let Some(province) = opens_with(opening).or_else(|| named_in(title).filter(|_| local)) {
        return Some(province.to_string());
    }
    let national = meta.extra.get("level").is_some_and(|l| l == "national");
    national.then(|| NATIONAL.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Metadata;

    fn record(body: Option<&str>, title: &str, extras: &[(&str, &str)]) -> DocumentRecord {
        let mut meta = Metadata {
            body: body.map(str::to_string),
            title: Some(title.to_string()),
            ..Metadata::default()
        };
        for (k, v) in extras {
            meta.extra.map_mut().insert(k.to_string(), v.to_string());
        }
        DocumentRecord {
            id: 0,
            path: String::new(),
            section: 0,
            meta,
            encoding: "utf-8".into(),
            header: false,
            passages: 0,
            chars: 0,
            names: Default::default(),
        }
    }

    fn province(body: Option<&str>, title: &str) -> Option<String> {
        province_of(&record(body, title, &[]))
    }

    #[test]
    fn a_body_or_its_city_names_the_province() {
        // Bodies and titles as the manifests of ../shared/corpus/laws_lawrefbook and the
        // seeds' headers give them.
        let cases = [
            (
                Some("浙江省人民代表大会常务委员会"),
                "浙江省快递业促进条例",
                "浙江省",
            ),
            (
                Some("青岛市人民代表大会常务委员会"),
                "青岛市城市管理条例",
                "山东省",
            ),
            (
                Some("安康市人民政府办公室"),
                "在全市稳增长工作会议上的讲话",
                "陕西省",
            ),
            (Some("国务院"), "物业管理条例", NATIONAL),
            (
                Some("最高人民法院、最高人民检察院"),
                "关于办理…的解释",
                NATIONAL,
            ),
            (Some("财政部 国家税务总局"), "关于…的通知", NATIONAL),
            // The short form a body opens with (laws_lawrefbook/docs/law_00232.txt).
            (
                Some("上海（省/市）人民代表大会或其常务委员会（推定：原文无发布信息）"),
                "上海港口条例",
                "上海市",
            ),
            // A local body without its place: the city its title names
            // (local_policy_docx/docs/policy_service_064.txt).
            (
                Some("市政府"),
                "市政府关于印发南京市市场化租赁住房建设管理办法的通知",
                "江苏省",
            ),
            (
                None,
                "关于上海市推进电子商务与快递物流协同发展的实施意见",
                "上海市",
            ),
        ];
        for (body, title, expected) in cases {
            assert_eq!(
                province(body, title).as_deref(),
                Some(expected),
                "{body:?} {title}"
            );
        }
    }

    #[test]
    fn a_central_bodys_law_naming_a_region_stays_national() {
        // laws_lawrefbook: the Basic Law of Hong Kong, adopted by the NPC.
        let law = province(
            Some("全国人民代表大会"),
            "中华人民共和国香港特别行政区基本法",
        );
        assert_eq!(law.as_deref(), Some(NATIONAL));
        // 朝阳 is a city only as 朝阳市; a county the table does not list gives no guess.
        assert_eq!(province(Some("朝阳产业促进会"), "关于朝阳产业的通知"), None);
        let county = province(
            Some("景宁畲族自治县人民代表大会"),
            "景宁畲族自治县荣誉市民条例",
        );
        assert_eq!(county, None);
    }

    #[test]
    fn the_manifests_province_comes_first() {
        // provincial_gwr_2026/manifest.jsonl: "province": "上海市".
        let report = record(
            Some("上海市人民政府"),
            "2026年上海市政府工作报告",
            &[("province", "上海市")],
        );
        assert_eq!(province_of(&report).as_deref(), Some("上海市"));
        let national = record(None, "关于…的决定", &[("level", "national")]);
        assert_eq!(province_of(&national).as_deref(), Some(NATIONAL));
    }
}
