//! The words the name rules ([`super::rules`]) know: the suffixes that end names, the
//! tags and words that may or may not belong to one, the generic names that need a
//! place, the words that make a 集团 a clique. Lists, not logic: a new word goes here.

use super::NameKind;

/// Name suffixes, each with the kind of name it ends.
pub(super) const SUFFIXES: &[(&str, NameKind)] = &[
    ("股份有限公司", NameKind::Enterprise),
    ("有限责任公司", NameKind::Enterprise),
    ("有限公司", NameKind::Enterprise),
    ("集团公司", NameKind::Enterprise),
    ("集团", NameKind::Enterprise),
    ("公司", NameKind::Enterprise),
    ("股份", NameKind::Enterprise),
    ("银行", NameKind::Enterprise),
    ("厂", NameKind::Enterprise),
    ("人民政府", NameKind::Organisation),
    ("委员会", NameKind::Organisation),
    ("常委会", NameKind::Organisation),
    ("办公厅", NameKind::Organisation),
    ("办公室", NameKind::Organisation),
    ("人民法院", NameKind::Organisation),
    ("人民检察院", NameKind::Organisation),
    ("部", NameKind::Organisation),
    ("委", NameKind::Organisation),
    ("局", NameKind::Organisation),
    ("厅", NameKind::Organisation),
    ("署", NameKind::Organisation),
    ("院", NameKind::Organisation),
    ("自治区", NameKind::Place),
    ("自治州", NameKind::Place),
    ("自治县", NameKind::Place),
    ("新区", NameKind::Place),
    ("省", NameKind::Place),
    ("市", NameKind::Place),
    ("县", NameKind::Place),
    ("区", NameKind::Place),
    ("州", NameKind::Place),
    ("镇", NameKind::Place),
    ("乡", NameKind::Place),
];

/// Characters of text before a suffix that may belong to its name.
pub(super) const LEFT_CHARS: usize = 20;
/// Characters after it that jieba sees, so that 市 in 市场 is not taken for a suffix.
pub(super) const RIGHT_CHARS: usize = 3;
/// The longest name kept, in characters.
pub(super) const MAX_NAME_CHARS: usize = 24;

/// Tags of words that are names or parts of one: places, people, organisations, other
/// proper nouns, abbreviations, Latin letters.
/// (Not `nz`: jieba gives it to words such as 印发 and 易发.)
pub(super) const PROPER_TAGS: &[&str] = &["ns", "nr", "nrt", "nrfg", "nt", "j", "eng"];
/// Tags of common words that may sit inside an enterprise or a body's name (水泥, 投资,
/// 发展, 高新) but do not start one.
pub(super) const INNER_TAGS: &[&str] = &["n", "vn", "nz", "an", "b"];
/// Common words that start a name although jieba tags them as common.
pub(super) const NAME_STARTS: &[&str] = &[
    "中国",
    "国家",
    "中央",
    "全国",
    "中共",
    "中国共产党",
    "中华",
    "最高",
    "国务院",
];
/// Single characters that never belong to a name before its suffix (pronouns,
/// particles, prepositions, quantifiers).
pub(super) const NOT_IN_NAMES: &str =
    "的和与及或在对向从由将以把被为是了并等各该本全我其每这那此某个多另诸两凭内";
/// Tags of single characters that may be part of a name jieba does not know (people's
/// and places' names, abbreviations, rare characters): not verbs, particles, common
/// nouns (报, 经, 条, 市, 印).
pub(super) const NAME_CHAR_TAGS: &[&str] = &[
    "nr", "ns", "nz", "nt", "j", "zg", "ng", "x", "nrt", "nrfg", "eng",
];
/// Parts of the country, not bodies (中西部).
pub(super) const DIRECTIONS: &[&str] = &[
    "中西", "东", "西", "南", "北", "中", "东北", "西北", "东南", "西南", "东中",
];
/// Words jieba tags as places or organisations that are common words: no part of a name
/// (上市公司, 外国银行, 城市人民政府).
pub(super) const COMMON_STEMS: &[&str] = &[
    "上市",
    "非上市",
    "城市",
    "外国",
    "都市",
    "大都",
    "城镇",
    "山区",
    "旧城",
    "大城",
    "关联",
    "卖国",
    "灯塔",
    "自治县",
    "自治州",
    "自治区",
    "海岛",
    "平原",
    "住院",
    "门诊",
];
/// Suffixes of bodies that are a specific body with no place before them (财政部,
/// 海关总署, 国务院, 国资委): the others name a kind of body (公安局, 财政厅).
pub(super) const CENTRAL_SUFFIXES: &[&str] = &["部", "署", "院", "委"];
/// Words that are never part of a name: verbs and levels that join or precede names
/// in running text (商务部会同农业部, 同级人民政府, 应邀参加).
pub(super) const STOP_WORDS: &[&str] = &[
    "会同",
    "有关",
    "主管",
    "所在地",
    "参加",
    "应邀",
    "查明",
    "建立健全",
    "执行",
    "严格",
    "产品",
    "出厂",
    "县级",
    "基层",
    "市级",
    "省级",
    "同级",
    "上级",
    "本级",
    "各级",
    "流域",
    "内外部",
    "反革命",
    "修正主义",
    "第三国",
    "入市",
    "以及",
    "包括",
    "设立",
    "成立",
    "组建",
    "依法",
    "负责",
    "所属",
    "直属",
    "会商",
    "反对",
    "统治",
    "建设",
    "条约",
    "下属",
    "部门",
    "管理部门",
    "主管部门",
    "行政部门",
    "报请",
    "提请",
];
/// Beginnings of bodies' names that need a place before them (人民代表大会常务委员会
/// of which province?).
/// And 中心, which is a rank (中心城区, 中心敬老院: the central one of a kind).
pub(super) const NOT_FIRST: &[&str] = &["人民", "常务", "地方", "中心"];
/// Classifiers that count bodies, plants or places (2个, 3座, 五家).
pub(super) const CLASSIFIERS: &str = "个座家所处批级类种";
/// Numerals written in characters; not 一, which is also an article (建设起一个汉阳钢铁厂).
pub(super) const CHINESE_NUMERALS: &str = "二两三四五六七八九十百千万几多";
/// Suffixes with the characters after them that make them part of a common word:
/// 银行间 (interbank), 银行业 (banking), 部门 (a department, when jieba cuts 部|门).
pub(super) const NOT_NAME_ENDS: &[(&str, &str)] = &[("银行", "间业"), ("部", "门")];
/// Words that end in a suffix but are no name on their own (a body or a place needs its
/// place: 陕西省人民政府, not 人民政府).
pub(super) const GENERIC: &[&str] = &[
    "人民政府",
    "政府",
    "委员会",
    "常委会",
    "办公厅",
    "办公室",
    "人民法院",
    "人民检察院",
    "市委",
    "省委",
    "县委",
    "区委",
    "党委",
    "纪委",
    "常委",
    "卫生院",
    "医院",
    "学院",
    "法院",
    "研究院",
    "自治县人民政府",
    "常务委员会",
    "党组",
    "监委",
    "人大",
    "公司",
    "集团",
    "银行",
    "股份",
];

/// Kinds of company that end a name: with only a place before them, they are the end
/// of a longer name cut off (`无锡分公司` of `中国…股份有限公司无锡分公司`).
pub(super) const COMPANY_KINDS: &[&str] = &[
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "分公司",
    "总公司",
    "公司",
];
/// Words before 集团 that make it a political group, not an enterprise (苏联领导集团,
/// 东南亚防务集团 in the collected works of the 1950s).
pub(super) const CLIQUE_WORDS: &[&str] = &[
    "领导",
    "防务",
    "战争",
    "统治",
    "反动",
    "侵略",
    "军事",
    "政治",
    "利益",
    "犯罪",
    "恐怖",
    "叛徒",
    "卖国",
    "军阀",
    "独裁",
    "反党",
    "反革命",
    "寡头",
    "垄断",
    "侵略者",
    "叛国",
];
