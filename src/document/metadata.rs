//! Metadata of a document and how it is read from the document's own header lines.
//!
//! Header families handled (general patterns, not per file):
//! - bulletins: series (`安政通报`), issue (`第十期`), issuing office, publish date, then
//!   `赵俊民同志在…会议上的讲话` and the speech date in parentheses;
//! - compilations: Markdown headings, one document per section, each with the line naming
//!   its issuing body (see `document::split_compilation`);
//! - a title (possibly over two lines), then `——在2020年…会议上的讲话`.
//!
//! A value is set only when a pattern says so: a missing value is far better than a
//! wrong one.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{LazyLock, OnceLock};

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::repair::{ends_sentence, is_heading};

/// How precise a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A calendar date known to a year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct DocDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl DocDate {
    /// A date from parts, checked: month 1–12, day within the month.
    pub fn new(year: u16, month: Option<u8>, day: Option<u8>) -> Option<DocDate> {
        if !(1000..=2999).contains(&year) || (day.is_some() && month.is_none()) {
            return None;
        }
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return None;
        }
        if let (Some(m), Some(d)) = (month, day)
            && (d == 0 || d > days_in_month(year, m))
        {
            return None;
        }
        Some(DocDate { year, month, day })
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<DocDate> {
        let mut parts = text.trim().split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts
            .next()
            .map(|m| m.parse().ok())
            .map_or(Some(None), |m| m.map(Some))?;
        let day = parts
            .next()
            .map(|d| d.parse().ok())
            .map_or(Some(None), |d| d.map(Some))?;
        if parts.next().is_some() {
            return None;
        }
        DocDate::new(year, month, day)
    }

    /// The precision the date is known to.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// First day covered, as a sortable `YYYYMMDD` number.
    pub fn first_day(&self) -> i64 {
        let m = self.month.unwrap_or(1);
        let d = self.day.unwrap_or(1);
        i64::from(self.year) * 10_000 + i64::from(m) * 100 + i64::from(d)
    }

    /// Last day covered, as a sortable `YYYYMMDD` number.
    pub fn last_day(&self) -> i64 {
        let m = self.month.unwrap_or(12);
        let d = self.day.unwrap_or_else(|| days_in_month(self.year, m));
        i64::from(self.year) * 10_000 + i64::from(m) * 100 + i64::from(d)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for DocDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for DocDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for DocDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<DocDate, D::Error> {
        let text = String::deserialize(d)?;
        DocDate::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("bad date {text:?}")))
    }
}

/// What is known about one document. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub speaker: Option<String>,
    pub body: Option<String>,
    pub date: Option<DocDate>,
    pub publish_date: Option<DocDate>,
    pub series: Option<String>,
    pub issue: Option<String>,
    pub collection: Option<String>,
    pub doc_type: Option<String>,
    /// Further fields from a manifest, kept as they were.
    #[serde(default, skip_serializing_if = "Extras::is_empty")]
    pub extra: Extras,
    /// Where each value came from: field name → source.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sources: BTreeMap<String, MetadataSource>,
}

/// Further fields from a manifest, kept as they were. Read back from the index lazily:
/// a count over thousands of documents needs their dates, not their licences and notes,
/// and parsing those was two thirds of reading the document list.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// The fields, once parsed (or set).
    parsed: OnceLock<BTreeMap<String, String>>,
    /// The JSON object they were read from, until then (not even tokenised).
    raw: Option<Box<str>>,
}

impl Extras {
    /// Extras from the JSON object text they were stored as, parsed when first asked for.
    pub fn from_json_text(text: &str) -> Extras {
        Extras {
            parsed: OnceLock::new(),
            raw: (text != "{}").then(|| text.into()),
        }
    }

    /// The JSON object text to store them as (`{}` for none).
    pub fn json_text(&self) -> String {
        match (&self.raw, self.parsed.get()) {
            (Some(raw), None) => raw.to_string(),
            _ => serde_json::to_string(self.map()).expect("extras serialise"),
        }
    }

    /// The fields by name.
    pub fn map(&self) -> &BTreeMap<String, String> {
        self.parsed.get_or_init(|| {
            self.raw
                .as_ref()
                .and_then(|raw| serde_json::from_str(raw).ok())
                .unwrap_or_default()
        })
    }

    /// The fields, to change them.
    pub fn map_mut(&mut self) -> &mut BTreeMap<String, String> {
        self.map();
        self.raw = None;
        self.parsed.get_mut().expect("parsed just now")
    }

    pub fn get(&self, name: &str) -> Option<&String> {
        self.map().get(name)
    }

    pub fn insert(&mut self, name: String, value: String) {
        self.map_mut().insert(name, value);
    }

    pub fn is_empty(&self) -> bool {
        match (&self.raw, self.parsed.get()) {
            (None, None) => true,
            _ => self.map().is_empty(),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.map().iter()
    }
}

impl From<BTreeMap<String, String>> for Extras {
    fn from(map: BTreeMap<String, String>) -> Extras {
        Extras {
            parsed: OnceLock::from(map),
            raw: None,
        }
    }
}

impl PartialEq for Extras {
    fn eq(&self, other: &Extras) -> bool {
        self.map() == other.map()
    }
}

impl Eq for Extras {}

impl Serialize for Extras {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.map().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Extras {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Extras, D::Error> {
        let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
        Ok(Extras::from_json_text(raw.get()))
    }
}

/// Where a metadata value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetadataSource {
    /// A `manifest.jsonl` or `metadata.csv` record (wins over everything else).
    Manifest,
    /// The document's own header lines.
    Header,
    /// A year or date in the file name (used when nothing better exists).
    FileName,
}

impl Metadata {
    /// The names and presence of the fields whose source is tracked.
    pub fn present(&self) -> [(&'static str, bool); 11] {
        [
            ("title", self.title.is_some()),
            ("subtitle", self.subtitle.is_some()),
            ("speaker", self.speaker.is_some()),
            ("body", self.body.is_some()),
            ("date", self.date.is_some()),
            ("publish_date", self.publish_date.is_some()),
            ("series", self.series.is_some()),
            ("issue", self.issue.is_some()),
            ("collection", self.collection.is_some()),
            ("doc_type", self.doc_type.is_some()),
            ("extra", !self.extra.is_empty()),
        ]
    }

    /// Records `source` for every present value that has no source yet.
    pub fn mark_sources(&mut self, source: MetadataSource) {
        for (field, present) in self.present() {
            if present && field != "extra" {
                self.sources.entry(field.to_string()).or_insert(source);
            }
        }
    }

    /// True when the value of `field` (title, speaker, body, date, …) is missing.
    pub fn is_missing(&self, field: &str) -> bool {
        self.present().iter().any(|(f, p)| *f == field && !p)
    }
}

static FILE_NAME_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\D)((?:1[89]|20)\d{2})(?:[-_.年]?(0[1-9]|1[0-2])(?:[-_.月]?(0[1-9]|[12]\d|3[01]))?)?(?:\D|$)")
        .expect("file name date pattern")
});

/// A year or date written in a file name (`gwr_2014.txt`, `2021-02-08_讲话.txt`).
pub fn date_from_file_name(path: &str) -> Option<DocDate> {
    let name = path.rsplit('/').next().unwrap_or(path);
    FILE_NAME_DATE.captures(name).and_then(|c| date_from(&c))
}

static ISSUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^第[一二三四五六七八九十百零〇\d]+期$").expect("issue pattern"));
static BARE_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$").expect("date pattern"));
static PAREN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[(（](\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?[)）]$").expect("date pattern")
});
static ANY_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?").expect("date pattern")
});
static REPORT_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\d{4}年)?(\p{Han}{2,12}?(?:省|市|自治区|特别行政区|县|区))(?:\d{4}年)?(?:人民)?政府工作报告$",
    )
    .expect("report pattern")
});
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:下载|打印|全屏|收藏|分享[:：]?|关闭|加大|还原|减小|默认|[大中小]|】|【|首页|[>›»]|大中小|(?:当前|您的)位置[:：]?.*|(?:收藏)?【?字[号体][:：]?.*|(?:信息)?来源[:：].*|(?:发布|发表|印发|信息提供|成文)?(?:日期|时间)[:：].*|浏览次数.*|阅读量.*|<!--.*-->|.*浏览次数[:：]\d+.*|.*【字[号体].*)$",
    )
    .expect("furniture pattern")
});
/// A page's time stamp alone on a line: `2026-01-31 07:00:44`, `2026年02月10日 07时41分`.
static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})日?\s*\d{1,2}[:时]\d{2}(?:[:分]\d{2}秒?|分)?$",
    )
    .expect("stamp pattern")
});
/// The occasion of a report, with or without its dash or brackets:
/// `（2026年1月27日在贵州省第十四届人民代表大会第四次会议上）`.
static OCCASION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[(（]?\d{4}年\d{1,2}月\d{1,2}日在.{2,40}?会议上[)）]?").expect("occasion pattern")
});
/// The place of the congress a report is made to: `在贵州省第十四届人民代表大会`.
static OCCASION_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"在(\p{Han}{2,12}?(?:省|市|自治区|特别行政区))第\p{Han}{1,4}届人民代表大会")
        .expect("occasion place pattern")
});
static LABELLED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:日期|时间)[:：]\s*(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})")
        .expect("date pattern")
});
static DOC_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{Han}{1,16}[〔\[【(（]\d{4}[〕\]】)）]第?\d+号)(.*)$")
        .expect("doc number pattern")
});
static PROMULGATION: LazyLock<Regex> = LazyLock::new(|| {
    // After the date, an act (通过, 修正…) and maybe more: a revision line may run on
    // into the next revision (`…第一次修正  2006年9月29日…修订  根据`). Never a sentence of running text (`2020年6月
    // 17日，市政府…。`): no comma right after the date, no full stop.
    Regex::new(r"^(\d{4})年(\d{1,2})月(\d{1,2})日((?:[^，,。；][^。；]*?)?(通过|修正|修订|公布|批准|施行|发布|修改|印发))[^。；]*$")
        .expect("promulgation pattern")
});
static SESSION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"第?[一二三四五六七八九十百零〇\d]+届").expect("session pattern"));
static ORDINAL_MEETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"第[一二三四五六七八九十百零〇\d]+次(?:全体|常务)?$").expect("meeting pattern")
});
static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{Han}{0,16}?)(国务院总理|国务院副总理|副总理|总理|自治区主席|人民政府主席|省长|市长|区长|县长|州长)(\p{Han}{2,4}|\p{Han}{2,8}·\p{Han}{2,8})$")
        .expect("role pattern")
});
/// A role alone on its line, the name on the next (`国务院总理` / `　李克强`).
static BARE_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{Han}{0,16}?)(国务院总理|国务院副总理|自治区主席|省长|市长)$")
        .expect("bare role pattern")
});
static PERSONAL_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{Han}{2,4}$").expect("name pattern"));
/// The start of a promulgation line cut short: a date, maybe unfinished, and at most a
/// place after it.
static BROKEN_DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{4}年(?:\d{1,2}(?:月(?:\d{1,2}日?)?)?)?\s*\p{Han}{0,8}$")
        .expect("broken date pattern")
});
/// The city a local regulation's title opens with: `青岛市禁止焚烧抛撒丧葬祭奠物品规定`.
static TITLE_PLACE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\p{Han}{2,6}?市)").expect("title place pattern"));
static SIGNED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{Han}{4,24}?)(\d{4}年\d{1,2}月(?:\d{1,2}日)?)$").expect("signed pattern")
});
static RED_HEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\p{Han}{2,24})文件$").expect("red-head pattern"));
static CN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[(（]?([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?[)）]?$")
        .expect("chinese date pattern")
});

/// A date written in Chinese numerals: `二〇二〇年三月五日`, `(一九五四年九月)`.
pub fn parse_cn_date(text: &str) -> Option<DocDate> {
    let c = CN_DATE.captures(text)?;
    let digit = |ch: char| {
        "〇一二三四五六七八九"
            .chars()
            .position(|d| d == ch)
            .or(match ch {
                '零' | '○' => Some(0),
                _ => None,
            })
    };
    let year = c[1]
        .chars()
        .try_fold(0u16, |acc, ch| Some(acc * 10 + digit(ch)? as u16))?;
    // 十 = 10, 十二 = 12, 二十 = 20, 二十三 = 23.
    let small = |s: &str| -> Option<u8> {
        let chars: Vec<char> = s.chars().collect();
        match chars.as_slice() {
            ['十'] => Some(10),
            ['十', u] => Some(10 + digit(*u)? as u8),
            [t, '十'] => Some(digit(*t)? as u8 * 10),
            [t, '十', u] => Some(digit(*t)? as u8 * 10 + digit(*u)? as u8),
            [u] => Some(digit(*u)? as u8),
            _ => None,
        }
    };
    let month = small(&c[2])?;
    let day = match c.get(3) {
        Some(d) => Some(small(d.as_str())?),
        None => None,
    };
    DocDate::new(year, Some(month), day)
}

static SPEECH_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{Han}{2,4})同志在.+(?:讲话|发言|致辞|报告|总结)$").expect("title pattern")
});
static BODY_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\p{Han}{2,24}(?:人民政府|政府|办公室|办公厅|委员会|常委会|管委会|集团|公司|局|厅|委|办|院|部|中心|协会|党委|党组|街道办事处|大会|署)$",
    )
    .expect("body pattern")
});

/// Builds a date from a regex capture of year, month and day groups.
fn date_from(caps: &regex::Captures<'_>) -> Option<DocDate> {
    let num = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u16>().ok());
    DocDate::new(num(1)?, num(2).map(|m| m as u8), num(3).map(|d| d as u8))
}

/// True for a short line naming an organisation (`汉阴县人民政府`, `安康高新集团`).
pub fn is_body_name(line: &str) -> bool {
    // `天津市人民政府印发关于落实国务院` ends like a name but is a title's first line.
    BODY_NAME.is_match(line)
        && !["关于", "印发", "转发", "批转"]
            .iter()
            .any(|v| line.contains(v))
}

/// True for a line that may belong to a header: short, no sentence inside, not a
/// numbered section.
fn is_header_like(line: &str) -> bool {
    let count = line.chars().count();
    match classify(line) {
        HeaderLine::Other | HeaderLine::Subtitle => {}
        // A law's revision history can run to hundreds of characters on one line.
        HeaderLine::Promulgation { .. } => return true,
        _ if count <= 160 => return true,
        _ => {}
    }
    // A line ending in a comma, or long with commas inside, is running text.
    count <= 60
        && !line.contains(['。', '！', '？'])
        && !line.ends_with(['，', '、', ','])
        && (count <= 20 || !line.contains('，'))
        && !ends_sentence(line)
        && !is_heading(line)
}

/// What a header line says.
#[derive(Debug, PartialEq)]
enum HeaderLine {
    Issue,
    PublishDate(DocDate),
    SpeechDate(DocDate),
    SpeechTitle {
        speaker: String,
    },
    Subtitle,
    Body,
    /// `上海市市长 龚 正`, `国务院总理李克强`: a speaker and the body the role implies.
    Role {
        speaker: String,
        body: Option<String>,
    },
    /// `2011年11月17日 上海市第十三届人民代表大会常务委员会第三十次会议通过`.
    Promulgation {
        date: DocDate,
        body: Option<String>,
        in_force_only: bool,
        approval: bool,
    },
    /// A document number (`渝府发〔2017〕45号`), possibly followed by the title.
    DocNumber {
        number: String,
        rest: Option<String>,
    },
    /// Web-page furniture and source lines: 下载, 打印, 【字号…, 来源：…, 浏览次数….
    Furniture,
    /// A cover's author and date on one line: `桂林市发展和改革委员会2020年6月`.
    Signed {
        body: String,
        date: DocDate,
    },
    Other,
}

static ORDER_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"令?第[\d〇一二三四五六七八九十百千]+号$").expect("order number pattern")
});

/// The body named by the words before an act (`上海市第十三届人民代表大会常务委员会第三十次
/// 会议` → 上海市人民代表大会常务委员会, `中华人民共和国国务院令第656号` → 国务院, `经国务院`
/// → 国务院) or before a title's `关于` (`第十三届全国人民代表大会第三次会议` → 全国人民代表
/// 大会). A judicial interpretation adopted by both supreme bodies (both named on `line`)
/// names both, as they sign it; of other joint issuers (`国务院、中央军事委员会令`) the first
/// leads.
fn issuing_body(text: &str, line: &str) -> Option<String> {
    let org = SESSION.replace_all(text.trim(), "");
    let org = org.split("会议").next().unwrap_or_default();
    let org = ORDINAL_MEETING.replace(org, "");
    let org = ORDER_NUMBER.replace(org.trim(), "");
    // 最高人民法院审判委员会 → 最高人民法院; 人大常委会 → its full name.
    let org = org
        .trim()
        .trim_start_matches(['经', '由'])
        .trim_end_matches("审判委员会")
        .trim_end_matches("检察委员会")
        .replace("人大常委会", "人民代表大会常务委员会")
        .replace("代表大会常委会", "代表大会常务委员会");
    // Both supreme bodies named on one line adopted it together, whatever the order.
    if ["最高人民法院", "最高人民检察院"]
        .iter()
        .all(|b| line.contains(b))
        && org.starts_with("最高人民")
    {
        return Some(SUPREME_BODIES.to_string());
    }
    let first = org.split('、').next().unwrap_or_default();
    let first = match first.strip_prefix("中华人民共和国") {
        Some(rest) if is_body_name(rest) => rest,
        _ => first,
    };
    // `市十四届人大常委会`, `市人民政府` name no place: better no body than a nameless
    // one; a title fragment (`关于…`) is no body at all.
    if first.starts_with(['市', '省', '县', '区']) || first.starts_with("关于") {
        return None;
    }
    (is_body_name(first) && !is_generic_government(first)).then(|| first.to_string())
}

fn classify(line: &str) -> HeaderLine {
    if let Some(d) = STAMP.captures(line).and_then(|c| date_from(&c)) {
        return HeaderLine::PublishDate(d);
    }
    if FURNITURE.is_match(line) {
        if let Some(d) = LABELLED_DATE.captures(line).and_then(|c| date_from(&c)) {
            return HeaderLine::PublishDate(d);
        }
        return HeaderLine::Furniture;
    }
    if let Some(c) = DOC_NUMBER.captures(line) {
        let rest = c
            .get(2)
            .map(|m| m.as_str().trim().to_string())
            .filter(|r| !r.is_empty());
        return HeaderLine::DocNumber {
            number: c[1].to_string(),
            rest,
        };
    }
    // `（2020年5月28日第十三届全国人民代表大会第三次会议通过）` under a resolution's title.
    if let Some(inner) = line
        .strip_prefix(['（', '('])
        .and_then(|l| l.strip_suffix(['）', ')']))
        && PROMULGATION.is_match(inner)
    {
        return classify(inner);
    }
    if let Some(c) = PROMULGATION.captures(line)
        && let Some(date) = date_from(&c)
    {
        let body = issuing_body(c[4].trim().trim_end_matches(&c[5]), line);
        // `1997年7月1日 施行根据2001年…第一次修正…` records revisions after coming into force.
        let in_force_only = &c[5] == "施行"
            && !["通过", "修正", "修订", "公布", "批准", "发布", "修改"]
                .iter()
                .any(|act| line.contains(act));
        // `…会议通过批准的《宁波市…决定》`: an approval, whatever act word came first.
        let approval =
            &c[5] == "批准" || line[c.get(5).map_or(0, |m| m.end())..].starts_with("批准");
        // The version is the latest act the line records (`…通过并经2012年5月31日…批准`).
        let date = ANY_DATE
            .captures_iter(line)
            .filter_map(|c| date_from(&c))
            .filter(|d| d.precision() == Precision::Day)
            .fold(date, |latest, d| {
                if d.first_day() > latest.first_day() {
                    d
                } else {
                    latest
                }
            });
        return HeaderLine::Promulgation {
            date,
            body,
            in_force_only,
            approval,
        };
    }
    if let Some(c) = ROLE.captures(line) {
        let prefix = c[1].to_string();
        let role = &c[2];
        let government = if prefix.ends_with("人民政府") || prefix.is_empty() {
            prefix
        } else {
            format!("{prefix}人民政府")
        };
        let body = if role.contains("总理") {
            Some("国务院".to_string())
        } else if government.chars().count() >= 6 && !is_generic_government(&government) {
            Some(government)
        } else {
            // `省人民政府省长`, `自治区人民政府主席`: which one, the title says.
            None
        };
        return HeaderLine::Role {
            speaker: c[3].to_string(),
            body,
        };
    }
    if let Some(c) = RED_HEAD.captures(line)
        && is_body_name(&c[1])
    {
        return HeaderLine::Body;
    }
    if let Some(c) = SIGNED.captures(line)
        && is_body_name(&c[1])
        && let Some(date) = ANY_DATE.captures(&c[2]).and_then(|d| date_from(&d))
    {
        return HeaderLine::Signed {
            body: c[1].to_string(),
            date,
        };
    }
    if ISSUE.is_match(line) {
        HeaderLine::Issue
    } else if let Some(d) = BARE_DATE.captures(line).and_then(|c| date_from(&c)) {
        HeaderLine::PublishDate(d)
    } else if let Some(d) = PAREN_DATE.captures(line).and_then(|c| date_from(&c)) {
        HeaderLine::SpeechDate(d)
    } else if let Some(c) = SPEECH_TITLE.captures(line) {
        HeaderLine::SpeechTitle {
            speaker: c[1].to_string(),
        }
    } else if line.starts_with(['—', '-', '―', '－']) || OCCASION.is_match(line) {
        HeaderLine::Subtitle
    } else if is_body_name(line) {
        HeaderLine::Body
    } else if let Some(d) = parse_cn_date(line) {
        HeaderLine::PublishDate(d)
    } else {
        HeaderLine::Other
    }
}

static ON_BEHALF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:我(?:现在)?代表|受|根据)(?:中共中央和)?(中华人民共和国国务院|国务院|\p{Han}{2,16}?人民政府)(?:的)?(?:委托|决定)?[，,]?(?:现在)?(?:向(?:大会|各位代表|本次大会|第\p{Han}{1,4}届全国人民代表大会|全国人民代表大会)|作)",
    )
    .expect("on-behalf pattern")
});

/// The two supreme judicial bodies, as they sign the interpretations they adopt together.
const SUPREME_BODIES: &str = "最高人民法院、最高人民检察院";

/// A title that opens with its issuer: `最高人民法院关于…的解释`, `国务院关于…的规定`,
/// `最高人民法院、最高人民检察院关于…`.
static TITLE_ISSUER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:中华人民共和国)?\p{Han}{2,24}?(?:、\p{Han}{2,24}?)?)关于")
        .expect("title issuer pattern")
});

/// A resolution on a work report opens by naming the session: `第十二届全国人民代表大会
/// 第三次会议听取和审议了国务院总理李克强所作的政府工作报告`.
static RESOLUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(第\p{Han}{1,4}届全国人民代表大会第\p{Han}{1,4}次会议)听取(?:[和并]审议)?了.{0,30}?政府工作报告")
        .expect("resolution pattern")
});

/// Fills gaps from cues in the body text: `我代表国务院，向大会…` (or `受国务院委托`,
/// `我代表中华人民共和国国务院向第一届全国人民代表大会…`) names the issuing body of a
/// work report; a congress's resolution on the report, whose text starts by naming the
/// session, is the congress's and carries its conventional title (`…会议关于政府工作报告
/// 的决议`) rather than its first sentence; a signature at the end (an organisation line,
/// then a date line, as policy notices close) gives body and date.
pub fn read_body_cues(meta: &mut Metadata, lines: &[String], record: &[String]) {
    // The header reader may have taken the opening sentence for a title.
    let opening: String = meta
        .title
        .iter()
        .chain(lines.iter().take(3))
        .map(|l| squeeze(l))
        .collect();
    if let Some(c) = RESOLUTION.captures(&opening) {
        meta.title = Some(format!("{}关于政府工作报告的决议", &c[1]));
        meta.body
            .get_or_insert_with(|| "全国人民代表大会".to_string());
    } else if meta.body.is_none()
        && let Some(c) = lines.iter().take(6).find_map(|l| ON_BEHALF.captures(l))
    {
        let body = c[1].trim_start_matches("中华人民共和国");
        meta.body = if is_generic_government(body) {
            // `我代表自治区人民政府` under `2026年内蒙古自治区政府工作报告`.
            report_place(meta).map(|p| format!("{p}人民政府"))
        } else {
            Some(body.to_string())
        };
    }
    let issuer = meta.title.as_deref().and_then(title_issuer);
    // A title naming both supreme bodies outranks a header naming the one whose meeting
    // adopted it last.
    if meta.body.is_none()
        || (issuer.as_deref() == Some(SUPREME_BODIES)
            && meta
                .body
                .as_deref()
                .is_some_and(|b| SUPREME_BODIES.contains(b)))
    {
        meta.body = issuer.or(meta.body.take());
    }
    if meta.date.is_some() {
        return;
    }
    // The signature closes the notice: at the end of the text, or, when a plan or rules
    // are attached below the notice (`现将《…方案》印发给你们` … `2020年6月11日` …
    // `（此件主动公开）` … the plan), the first line that is only a date.
    let date_at = |i: usize| {
        let line = lines[i].trim_matches(|c: char| c == '(' || c == ')' || c.is_whitespace());
        BARE_DATE
            .captures(line)
            .and_then(|c| date_from(&c))
            .or_else(|| parse_cn_date(line))
    };
    let tail_start = lines.len().saturating_sub(6);
    let signature = (tail_start..lines.len())
        .rev()
        .chain(0..tail_start)
        .find_map(|i| date_at(i).map(|d| (i, d)));
    if let Some((i, d)) = signature {
        meta.date = Some(d);
        if meta.body.is_none()
            && let Some(prev) = i.checked_sub(1).map(|p| lines[p].as_str())
            && is_body_name(prev)
        {
            meta.body = Some(prev.to_string());
        }
        return;
    }
    // No signature: the printing record at the foot (`广州市人民政府办公厅秘书处2015年5月
    // 27日印发`), then the date it takes effect (`本办法自2020年8月1日起施行`).
    meta.date = lines[tail_start..]
        .iter()
        .chain(record)
        .rev()
        .find_map(|l| PRINTED.captures(l).and_then(|c| date_from(&c)))
        .or_else(|| {
            lines
                .iter()
                .find_map(|l| IN_EFFECT.captures(l).and_then(|c| date_from(&c)))
        });
}

/// The printing record closing an official document: office, date, `印发`.
static PRINTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Han}{2,30}?(\d{4})年(\d{1,2})月(\d{1,2})日印\s*发$").expect("printed pattern")
});

/// A notice's own date of taking effect: `本通知自2015年7月1日起执行`.
static IN_EFFECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"本(?:通知|办法|意见|方案|实施方案|规定|细则|措施|决定|条例|政策)自(\d{4})年(\d{1,2})月(\d{1,2})日起(?:施行|执行|实施|生效)")
        .expect("in-effect pattern")
});

/// The issuer a title opens with (`最高人民法院关于…` → 最高人民法院), when it names an
/// organisation with its place (not `市人民政府关于…`). Of joint issuers the first leads,
/// as in a joint order (`国务院、中央军事委员会`), except the two supreme bodies, which
/// sign their interpretations together.
fn title_issuer(title: &str) -> Option<String> {
    let issuers = TITLE_ISSUER.captures(title)?.get(1)?.as_str();
    // `北京市人民政府转发国务院关于…`: the one who forwards issues it.
    let issuers = ["转发", "印发", "批转"]
        .iter()
        .filter_map(|v| issuers.find(v))
        .min()
        .map_or(issuers, |at| &issuers[..at]);
    issuing_body(issuers, issuers)
}

/// A title on several lines, joined. A document's title (`…关于…的通知`, `…行动计划`) is
/// one phrase the layout broke: nothing goes between two Chinese characters. A speech's
/// title in parallel clauses (`明确目标突出重点压实责任` / `推动全市工业高质量发展`)
/// keeps a space between them, as it is printed on one line.
fn join_title(parts: &[&str]) -> String {
    let last = parts.last().copied().unwrap_or_default();
    let one_phrase = parts.iter().any(|p| p.contains("关于")) || DOCUMENT_KIND.is_match(last);
    let mut title = String::new();
    for part in parts {
        let (Some(before), Some(after)) = (title.chars().next_back(), part.chars().next()) else {
            title.push_str(part);
            continue;
        };
        if !one_phrase || before.is_ascii_alphanumeric() || after.is_ascii_alphanumeric() {
            title.push(' ');
        }
        title.push_str(part);
    }
    title
}

/// What a document calls itself at the end of its title.
static DOCUMENT_KIND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:通知|意见|方案|办法|规定|细则|计划|决定|通报|批复|函|规划|纲要|条例|措施|要点|公告|指引|清单)[）)]?$")
        .expect("document kind pattern")
});

/// The province or city a work report is for: from its title (`2026年安徽省政府工作报告`)
/// or the congress it is made to (`在贵州省第十四届人民代表大会第四次会议上`).
fn report_place(meta: &Metadata) -> Option<String> {
    meta.title
        .as_deref()
        .and_then(|t| REPORT_PLACE.captures(t))
        .or_else(|| {
            meta.subtitle
                .as_deref()
                .and_then(|s| OCCASION_PLACE.captures(s))
        })
        .map(|c| c[1].to_string())
}

/// `省人民政府`, `自治区人民政府`, `市人民政府`: a government without its place.
fn is_generic_government(name: &str) -> bool {
    ["省", "市", "自治区"]
        .iter()
        .any(|p| name.strip_prefix(p) == Some("人民政府"))
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Reads a header from the first cleaned lines of a document. Returns the metadata and
/// how many lines the header used (they are metadata, not passages).
pub fn read_header(lines: &[String]) -> (Metadata, usize) {
    read_header_under(None, lines)
}

/// [`read_header`] of the lines under a title already known (a Markdown `# title`): the
/// title is the document's, whatever the lines say, and what depends on the title (the
/// place of a report or of a city's regulation) is read from it.
pub fn read_header_under(title: Option<String>, lines: &[String]) -> (Metadata, usize) {
    let mut meta = Metadata::default();
    // Sixteen lines of header at most, not counting a web page's furniture.
    let (mut end, mut counted) = (0, 0);
    while end < lines.len()
        && counted < 16
        && end < 64
        && is_header_like(&lines[end])
        // A table of contents follows a cover: the header ends there.
        && lines[end] != "目录"
    {
        if !FURNITURE.is_match(&lines[end]) {
            counted += 1;
        }
        end += 1;
    }
    let mut kinds: Vec<HeaderLine> = lines[..end].iter().map(|l| classify(l)).collect();
    // The text starts mid-sentence (`。会议充分肯定…`): the short lines just above are that
    // sentence's beginning (`…听取和审议了国务院总理李克强所作的` / `政府工作报告`), text
    // and not header.
    if lines
        .get(end)
        .is_some_and(|l| l.starts_with(['。', '，', '、', '；', '！', '？']))
    {
        while kinds.last() == Some(&HeaderLine::Other) {
            kinds.pop();
            end -= 1;
        }
    }
    // A promulgation line broken in two (`2016年1月22` / `日山东省…批准`, `2017年7月28日
    // 山东省` / `第十二届…修改…`): read as one line.
    for i in 0..end.saturating_sub(1) {
        if matches!(kinds[i], HeaderLine::Other | HeaderLine::PublishDate(_))
            && matches!(kinds[i + 1], HeaderLine::Other | HeaderLine::Body)
            && BROKEN_DATE_LINE.is_match(&lines[i])
        {
            // `1984年1月7日 国务院` / `中央军委发布`: two issuers, kept apart.
            let after_date = ANY_DATE.replace(&lines[i], "");
            let separator = if is_body_name(after_date.trim()) {
                "、"
            } else {
                ""
            };
            let joined = classify(&format!("{}{separator}{}", lines[i], lines[i + 1]));
            if matches!(joined, HeaderLine::Promulgation { .. }) {
                kinds[i] = joined;
                kinds[i + 1] = HeaderLine::Furniture;
            }
        }
    }
    // What furniture says of the next line: after `>` a breadcrumb item (`宁夏要闻`, and
    // the same item again below), after a bare `来源：` the source (`四川日报`).
    let mut crumbs: Vec<&str> = Vec::new();
    for i in 0..end {
        let line = lines[i].as_str();
        let after = i.checked_sub(1).map(|p| lines[p].as_str());
        let crumb = matches!(after, Some(">" | "›" | "»"));
        let source = matches!(after, Some("来源：" | "来源:" | "信息来源：" | "信息来源:"));
        if matches!(kinds[i], HeaderLine::Other | HeaderLine::Body)
            && (crumb || source || crumbs.contains(&line))
        {
            kinds[i] = HeaderLine::Furniture;
            if crumb {
                crumbs.push(line);
            }
        }
    }
    // A role alone on a line, the name alone on the next: one role line.
    for i in 0..end.saturating_sub(1) {
        let (role, name) = (squeeze(&lines[i]), squeeze(&lines[i + 1]));
        if BARE_ROLE.is_match(&role)
            && PERSONAL_NAME.is_match(&name)
            && let HeaderLine::Role { speaker, body } = classify(&format!("{role}{name}"))
        {
            kinds[i] = HeaderLine::Role { speaker, body };
            kinds[i + 1] = HeaderLine::Furniture;
        }
    }
    let mut title_parts: Vec<&str> = Vec::new();
    // Bodies of the promulgation lines, in order.
    let mut enacting: Vec<String> = Vec::new();
    // Past the title: an occasion or a speaker came after it.
    let mut below_title = false;
    let mut role_without_body = false;
    let mut dated_by_promulgation = false;
    let mut body_by_council = false;
    let mut i = 0;
    while i < end {
        let line = lines[i].as_str();
        match &kinds[i] {
            HeaderLine::Issue => meta.issue = Some(line.to_string()),
            HeaderLine::PublishDate(d) => meta.publish_date = Some(*d),
            HeaderLine::SpeechDate(d) => meta.date = Some(*d),
            HeaderLine::SpeechTitle { speaker } => {
                meta.speaker = Some(speaker.clone());
                meta.title = Some(line.to_string());
            }
            // A name repeated above the text (`中华人民共和国全国人民代表大会` over
            // `常务委员会议事规则`, the title again) does not undo the enacting body.
            HeaderLine::Body if !enacting.is_empty() => {}
            HeaderLine::Body => {
                let name = line
                    .strip_suffix("文件")
                    .filter(|n| is_body_name(n))
                    .unwrap_or(line);
                // `最高人民法院  最高人民检察院` above the text: the spaces went with cleaning.
                meta.body = Some(match name {
                    "最高人民法院最高人民检察院" | "最高人民检察院最高人民法院" => {
                        SUPREME_BODIES.to_string()
                    }
                    _ => name.to_string(),
                });
            }
            HeaderLine::Role { speaker, body } => {
                meta.speaker = Some(speaker.clone());
                if meta.body.is_none() {
                    meta.body = body.clone();
                }
                role_without_body |= body.is_none();
                below_title |= !title_parts.is_empty();
            }
            HeaderLine::Promulgation {
                date,
                body,
                in_force_only,
                approval,
            } => {
                below_title |= !title_parts.is_empty();
                // The body is that of the latest act (a law revised by the standing
                // committee is the committee's), not of a higher body approving a local
                // act — except the State Council approving what a ministry issues: an
                // administrative regulation is the State Council's.
                if let Some(body) = body {
                    let by_council = *approval && body == "国务院";
                    if meta.body.is_none() || by_council || (!approval && !body_by_council) {
                        meta.body = Some(body.clone());
                        body_by_council |= by_council;
                    }
                    enacting.push(body.clone());
                }
                if !in_force_only {
                    // Revisions are listed oldest first, but take the latest anyway.
                    if !dated_by_promulgation
                        || meta.date.is_none_or(|d| date.first_day() > d.first_day())
                    {
                        meta.date = Some(*date);
                    }
                    dated_by_promulgation = true;
                } else if !dated_by_promulgation {
                    meta.date = Some(*date);
                }
            }
            HeaderLine::DocNumber { number, rest } => {
                meta.extra.insert("doc_number".into(), number.clone());
                if let Some(rest) = rest {
                    title_parts.push(rest);
                }
            }
            HeaderLine::Furniture => {}
            HeaderLine::Signed { body, date } => {
                meta.body.get_or_insert_with(|| body.clone());
                meta.date.get_or_insert(*date);
            }
            HeaderLine::Subtitle => {
                let mut subtitle = line
                    .trim_start_matches(['—', '-', '―', '－', ' ', '(', '（'])
                    .trim_end_matches([')', '）'])
                    .to_string();
                // A subtitle broken over lines ends at the line naming the occasion.
                while !subtitle.ends_with(['话', '言', '辞', '告', '上'])
                    && i + 1 < end
                    && kinds[i + 1] == HeaderLine::Other
                {
                    i += 1;
                    subtitle.push_str(&lines[i]);
                }
                // `…会议上 陕西省省长 赵刚`: the speaker on the occasion's line.
                if let Some(at) = subtitle.find("会议上")
                    && let (occasion, rest) = subtitle.split_at(at + "会议上".len())
                    && let HeaderLine::Role { speaker, body } = classify(rest)
                {
                    meta.speaker = Some(speaker);
                    if meta.body.is_none() {
                        meta.body = body.clone();
                    }
                    role_without_body |= body.is_none();
                    subtitle = occasion.to_string();
                }
                if meta.date.is_none() {
                    meta.date = ANY_DATE.captures(&subtitle).and_then(|c| date_from(&c));
                }
                meta.subtitle = Some(subtitle);
                below_title |= !title_parts.is_empty();
            }
            HeaderLine::Other => {
                // The line just before an issue number is the series name.
                if matches!(kinds.get(i + 1), Some(HeaderLine::Issue)) {
                    meta.series = Some(line.to_string());
                } else if below_title {
                    // Under the title and its occasion, a name alone is the speaker's
                    // (`毛伟明` under `——2026年2月3日在湖南省…会议上`); other lines
                    // (`省长赵刚作政府工作报告`, a caption) are not the title's.
                    if meta.speaker.is_none() && PERSONAL_NAME.is_match(line) {
                        meta.speaker = Some(line.to_string());
                        role_without_body = true;
                    }
                } else if !title_parts
                    .iter()
                    .any(|p| squeeze(p).contains(&squeeze(line)))
                {
                    // A title repeated (`# 标题` then `标题`) or a fragment of it again.
                    // The issuer on the line above `关于…` opens the title, as the
                    // document names itself (`重庆市人民政府办公厅关于…的通知`).
                    if line.starts_with("关于")
                        && title_parts.is_empty()
                        && let Some(issuer) = i.checked_sub(1).map(|p| lines[p].as_str())
                        && kinds[i - 1] == HeaderLine::Body
                        && is_body_name(issuer)
                    {
                        title_parts.push(issuer);
                    }
                    title_parts.push(line);
                }
            }
        }
        i += 1;
    }
    if title.is_some() {
        meta.title = title;
    } else if meta.title.is_none() && !title_parts.is_empty() {
        meta.title = Some(join_title(&title_parts));
    }
    // A city's regulation (`青岛市禁止焚烧…规定`) is its own congress's, even where the
    // province's committee that approved it wrote `通过`.
    if let Some(place) = meta.title.as_deref().and_then(|t| TITLE_PLACE.captures(t))
        && meta
            .body
            .as_deref()
            .is_some_and(|b| !b.starts_with(&place[1]))
        && let Some(own) = enacting.iter().rev().find(|b| b.starts_with(&place[1]))
    {
        meta.body = Some(own.clone());
    }
    // `省人民政府省长 王清宪` under `2026年安徽省政府工作报告`: the place is in the title,
    // or in the occasion (`在贵州省第十四届人民代表大会…`).
    let place = report_place(&meta);
    if role_without_body && meta.body.is_none() {
        meta.body = place.as_ref().map(|p| format!("{p}人民政府"));
    }
    // A page titled only `政府工作报告`: the conventional title, from the year of the
    // occasion and its place (`2026年贵州省政府工作报告`).
    if meta.title.as_deref().is_none_or(|t| t == "政府工作报告")
        && let (Some(place), Some(date)) = (&place, meta.date)
        && meta.subtitle.is_some()
    {
        meta.title = Some(format!("{}年{place}政府工作报告", date.year));
    }
    // A lone short line with nothing else around it is not evidence of a header.
    if meta == Metadata::default() {
        return (meta, 0);
    }
    (meta, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_extras_survive_a_round_trip_read_lazily() {
        let mut meta = Metadata::default();
        meta.extra.insert("licence".into(), "CC0 \"quoted\"".into());
        meta.extra.insert("notes".into(), "第一行\n第二行".into());
        let json = serde_json::to_string(&meta).unwrap();
        let mut read: Metadata = serde_json::from_str(&json).unwrap();
        assert_eq!(read, meta);
        assert_eq!(
            read.extra.get("notes").map(String::as_str),
            Some("第一行\n第二行")
        );
        // Changed after reading: the change and the rest are written back.
        read.extra.insert("added".into(), "1".into());
        let again: Metadata = serde_json::from_str(&serde_json::to_string(&read).unwrap()).unwrap();
        assert_eq!(again.extra.iter().count(), 3);
        assert_eq!(again.extra.get("licence"), meta.extra.get("licence"));
        // None at all: nothing written.
        assert!(
            !serde_json::to_string(&Metadata::default())
                .unwrap()
                .contains("extra")
        );
    }

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    #[test]
    fn dates_parse_and_check_calendar() {
        assert_eq!(
            DocDate::parse("2021-02-08").unwrap().to_string(),
            "2021-02-08"
        );
        assert_eq!(DocDate::parse("2020").unwrap().precision(), Precision::Year);
        assert_eq!(DocDate::parse("2020-02").unwrap().last_day(), 20200229);
        assert!(DocDate::parse("2021-13-45").is_none());
        assert!(DocDate::parse("2021-02-30").is_none());
        assert!(DocDate::parse("abcd").is_none());
    }

    #[test]
    fn bulletin_header() {
        let (meta, used) = read_header(&lines(
            "安政通报\n第十期\n安康市人民政府办公室\n2021年2月22日\n赵俊民同志在全市工业和信息化暨国资监管工作会议上的讲话\n(2021年2月8日)\n今天召开会议。",
        ));
        assert_eq!(used, 6);
        assert_eq!(meta.series.as_deref(), Some("安政通报"));
        assert_eq!(meta.issue.as_deref(), Some("第十期"));
        assert_eq!(meta.body.as_deref(), Some("安康市人民政府办公室"));
        assert_eq!(meta.speaker.as_deref(), Some("赵俊民"));
        assert_eq!(meta.date.unwrap().to_string(), "2021-02-08");
        assert_eq!(meta.publish_date.unwrap().to_string(), "2021-02-22");
    }

    #[test]
    fn title_with_subtitle_gives_the_year() {
        let (meta, used) = read_header(&lines(
            "明确目标突出重点压实责任\n推动全市工业高质量发展\n——在2020年全市工业工作暨清理拖欠民营企业\n中小企业账款工作会议上的讲话\n同志们：",
        ));
        assert_eq!(used, 4);
        assert_eq!(
            meta.title.as_deref(),
            Some("明确目标突出重点压实责任 推动全市工业高质量发展")
        );
        assert_eq!(
            meta.subtitle.as_deref(),
            Some("在2020年全市工业工作暨清理拖欠民营企业中小企业账款工作会议上的讲话")
        );
        assert_eq!(meta.date.unwrap().to_string(), "2020");
    }

    #[test]
    fn file_names_give_dates() {
        let d = |p: &str| date_from_file_name(p).map(|d| d.to_string());
        assert_eq!(d("national_gwr/docs/gwr_2014.txt").as_deref(), Some("2014"));
        assert_eq!(d("2021-02-08_讲话.txt").as_deref(), Some("2021-02-08"));
        assert_eq!(d("gwr_2026_anhui.txt").as_deref(), Some("2026"));
        assert_eq!(d("law_00001.txt"), None);
        assert_eq!(d("policy_noservice_104.txt"), None);
        assert_eq!(d("000_5761af68b6670f66.txt"), None);
    }

    /// The shapes of the provincial pages that gave no speaker or body before: breadcrumbs,
    /// a bare `来源：` with the source below, time stamps, a caption, the occasion in
    /// brackets or without its dash, the speaker on the occasion's line or alone.
    #[test]
    fn provincial_pages_of_every_shape() {
        let header = |raw: &str| {
            let m = crate::document::parse("x.txt", raw).remove(0).meta;
            (
                m.title.unwrap_or_default(),
                m.speaker.unwrap_or_default(),
                m.body.unwrap_or_default(),
                m.date.map(|d| d.to_string()).unwrap_or_default(),
            )
        };
        let expect = |title: &str, speaker: &str, body: &str, date: &str| {
            (
                title.to_string(),
                speaker.to_string(),
                body.to_string(),
                date.to_string(),
            )
        };
        assert_eq!(
            header(
                "当前位置：\n首页\n>\n政务信息\n>\n宁夏要闻\n2026年宁夏回族自治区政府工作报告\n发表时间：\n2026-02-09 09:45:30\n来源：\n宁夏日报客户端\n阅读量：\n【字体：\n小\n中\n大\n】\n政府工作报告\n——2026年2月3日在宁夏回族自治区第十三届人民代表大会第四次会议上\n自治区人民政府主席 张雨浦\n各位代表：\n"
            ),
            expect(
                "2026年宁夏回族自治区政府工作报告",
                "张雨浦",
                "宁夏回族自治区人民政府",
                "2026-02-03"
            )
        );
        assert_eq!(
            header(
                "政府工作报告。 贵州日报天眼新闻记者 李森 摄\n政府工作报告\n（2026年1月27日在贵州省第十四届人民代表大会第四次会议上）\n省长 李炳军\n各位代表：\n"
            ),
            expect(
                "2026年贵州省政府工作报告",
                "李炳军",
                "贵州省人民政府",
                "2026-01-27"
            )
        );
        assert_eq!(
            header(
                "分享:\n陕西省2026年政府工作报告\n2026年1月27日在陕西省第十四届人民代表大会第四次会议上 陕西省省长 赵刚\n首页\n>\n政府信息公开\n时间：\n2026-02-02 09:20\n来源：\n陕西省人民政府\n省长赵刚作政府工作报告\n各位代表：\n"
            ),
            expect(
                "陕西省2026年政府工作报告",
                "赵刚",
                "陕西省人民政府",
                "2026-01-27"
            )
        );
        assert_eq!(
            header(
                "下载\n打印\n2026年湖南省政府工作报告\n——2026年2月3日在湖南省第十四届人民代表大会第四次会议上\n来源：湖南日报\n时间：2026-02-24\n毛伟明\n各位代表：\n"
            ),
            expect(
                "2026年湖南省政府工作报告",
                "毛伟明",
                "湖南省人民政府",
                "2026-02-03"
            )
        );
        assert_eq!(
            header(
                "2026年四川省人民政府工作报告\n2026年02月10日 07时41分\n来源:\n四川日报\n【字体：\n大\n中\n小\n】\n分享：\n2026年2月3日在四川省第十四届人民代表大会第五次会议上\n四川省人民政府省长 施小琳\n各位代表：\n"
            ),
            expect(
                "2026年四川省人民政府工作报告",
                "施小琳",
                "四川省人民政府",
                "2026-02-03"
            )
        );
        assert_eq!(
            header(
                "政府工作报告\n――2026年1月27日在青海省第十四届人民代表大会第四次会议上\n省长 罗东川\n2026-01-31 07:00:44\n来源：青海日报\n各位代表：\n"
            ),
            expect(
                "2026年青海省政府工作报告",
                "罗东川",
                "青海省人民政府",
                "2026-01-27"
            )
        );
    }

    #[test]
    fn provincial_report_header_behind_web_furniture() {
        let raw = "下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n2026年上海市政府工作报告\n——2026年2月3日在上海市第十六届人民代表大会第四次会议上\n来源：解放日报\n时间：2026-02-09\n上海市市长 龚 正\n各位代表：";
        let cleaned: Vec<String> = raw
            .lines()
            .map(crate::document::repair::clean_line)
            .collect();
        let (meta, used) = read_header(&cleaned);
        assert_eq!(used, 14);
        assert_eq!(meta.title.as_deref(), Some("2026年上海市政府工作报告"));
        assert_eq!(meta.speaker.as_deref(), Some("龚正"));
        assert_eq!(meta.body.as_deref(), Some("上海市人民政府"));
        assert_eq!(meta.date.unwrap().to_string(), "2026-02-03");
        assert_eq!(meta.publish_date.unwrap().to_string(), "2026-02-09");
        let (meta, _) = read_header(&lines(
            "2026年安徽省政府工作报告\n省人民政府省长王清宪\n各位代表：",
        ));
        assert_eq!(
            (meta.speaker.as_deref(), meta.body.as_deref()),
            (Some("王清宪"), Some("安徽省人民政府"))
        );
    }

    #[test]
    fn national_reports_and_resolutions_as_the_corpus_writes_them() {
        let meta = |text: &str| crate::document::parse("x.txt", text).remove(0).meta;
        // Role and name on separate lines, the name spaced out.
        let m = meta(
            "政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理　\n李　强\n各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议。\n",
        );
        assert_eq!(
            (m.speaker.as_deref(), m.body.as_deref()),
            (Some("李强"), Some("国务院"))
        );
        // The body named on behalf of whom the report is made, in its older wordings.
        for opening in [
            "现在我代表中华人民共和国国务院向第一届全国人民代表大会第三次会议作报告。",
            "受国务院委托，向全国人民代表大会报告政府工作。",
            "现在，我代表国务院，向第十届全国人民代表大会第一次会议报告政府工作。",
            "中华人民共和国国务院提出议案，我现在代表国务院向本次大会作关于第一个五年计划的报告。",
            "我现在根据国务院的决定，向第二届全国人民代表大会第一次会议作政府工作报告。",
            "现在，我受国务院的委托，向全国人民代表大会报告政府工作。",
            "我受中共中央和国务院的委托，向大会作关于全国农业发展纲要的报告。",
        ] {
            let m = meta(&format!("各位代表：\n{opening}\n一年来，经济平稳增长。\n"));
            assert_eq!(m.body.as_deref(), Some("国务院"), "{opening}");
        }
        // A resolution: the congress's, under its conventional title.
        let m = meta(
            "第十二届全国人民代表大会第三次会议听取和审议了国务院总理李克强所作的\n政府工作报告\n。会议充分肯定国务院过去一年的工作，决定批准这个报告。\n",
        );
        assert_eq!(
            m.title.as_deref(),
            Some("第十二届全国人民代表大会第三次会议关于政府工作报告的决议")
        );
        assert_eq!(m.body.as_deref(), Some("全国人民代表大会"));
        let m = meta(
            "第十一届全国人民代表大会第一次会议听取并审议了国务院总理温家宝所作的政府工作报告。会议认为，过去的五年成就显著。\n",
        );
        assert_eq!(m.body.as_deref(), Some("全国人民代表大会"));
        // Its title, the adoption in brackets, then the text broken mid-sentence: the
        // sentence's first lines are text, not header.
        let doc = crate::document::parse(
            "x.txt",
            "第十三届全国人民代表大会第三次会议关于政府工作报告的决议\n\n（2020年5月28日第十三届全国人民代表大会第三次会议通过）\n\n第十三届全国人民代表大会第三次会议听取和审议了国务院总理李克强所作的\n政府工作报告\n。会议充分肯定国务院过去一年多的工作，决定批准这个报告。\n",
        )
        .remove(0);
        assert_eq!(
            doc.meta.title.as_deref(),
            Some("第十三届全国人民代表大会第三次会议关于政府工作报告的决议")
        );
        assert_eq!(doc.meta.body.as_deref(), Some("全国人民代表大会"));
        assert_eq!(doc.meta.date.unwrap().to_string(), "2020-05-28");
        assert!(
            doc.passages[0].starts_with(
                "第十三届全国人民代表大会第三次会议听取和审议了国务院总理李克强所作的政府工作报告。"
            ),
            "{:?}",
            doc.passages
        );
        // Under its own title, the session names its congress.
        let m = meta(
            "第十三届全国人民代表大会第三次会议关于政府工作报告的决议\n会议充分肯定国务院过去一年的工作，决定批准这个报告。\n",
        );
        assert_eq!(m.body.as_deref(), Some("全国人民代表大会"));
        // An autonomous region's chairman: the region from the title; names with a dot.
        let m = meta(
            "2026年内蒙古自治区政府工作报告\n自治区人民政府主席 包钢\n各位代表：\n现在，我代表自治区人民政府，向大会报告工作。\n",
        );
        assert_eq!(
            (m.speaker.as_deref(), m.body.as_deref()),
            (Some("包钢"), Some("内蒙古自治区人民政府"))
        );
        let m = meta(
            "2026年新疆维吾尔自治区政府工作报告\n自治区主席 艾尔肯·吐尼亚孜\n各位代表：\n今年工作。\n",
        );
        assert_eq!(m.speaker.as_deref(), Some("艾尔肯·吐尼亚孜"));
    }

    #[test]
    fn law_header_gives_body_and_version_date() {
        let (meta, used) = read_header(&lines(
            "上海口岸服务条例\n2011年11月17日上海市第十三届人民代表大会常务委员会第三十次会议通过\n2020年5月14日上海市第十五届人民代表大会常务委员会第二十一次会议《关于修改本市部分地方性法规的决定》第一次修正\n<!-- INFO END -->\n第一章总则",
        ));
        assert_eq!(used, 4);
        assert_eq!(meta.title.as_deref(), Some("上海口岸服务条例"));
        assert_eq!(meta.body.as_deref(), Some("上海市人民代表大会常务委员会"));
        assert_eq!(meta.date.unwrap().to_string(), "2020-05-14");
        let (meta, _) = read_header(&lines(
            "某解释\n2002年7月30日最高人民法院审判委员会第1234次会议通过\n2002年9月1日施行\n第一条",
        ));
        assert_eq!(meta.body.as_deref(), Some("最高人民法院"));
        assert_eq!(meta.date.unwrap().to_string(), "2002-07-30");
    }

    #[test]
    fn law_headers_as_the_laws_corpus_writes_them() {
        let header = |text: &str| {
            let (meta, _) = read_header(&lines(text));
            (
                meta.body.unwrap_or_default(),
                meta.date.map(|d| d.to_string()).unwrap_or_default(),
            )
        };
        // A State Council order; a revision line running on into the next one.
        assert_eq!(
            header(
                "棉花质量监督管理条例\n2001年8月3日 中华人民共和国国务院令第314号公布\n2006年7月4日 《国务院关于修改〈棉花质量监督管理条例〉的决定》第一次修订  根据\n2017年10月7日 《国务院关于修改部分行政法规的决定》第二次修订）\n<!-- INFO END -->\n第一条"
            ),
            ("国务院".into(), "2017-10-07".into())
        );
        // Two revisions on one line, the later inside it: the latest act dates the version.
        assert_eq!(
            header(
                "某条例\n1998年9月18日 广东省第九届人民代表大会常务委员会第五次会议通过\n2008年5月29日 广东省第十一届人民代表大会常务委员会第二次会议《关于修改〈某条例〉的决定》第三次修正  2023年3月30日广东省第十四届人民代表大会常务委员会第二次会议修订）\n第一条"
            ),
            ("广东省人民代表大会常务委员会".into(), "2023-03-30".into())
        );
        // Adopted by the congress, revised by its standing committee: the reviser's.
        assert_eq!(
            header(
                "某法\n1992年4月3日 第七届全国人民代表大会第五次会议通过\n2005年8月28日 第十届全国人民代表大会常务委员会第十七次会议《关于修改〈某法〉的决定》第一次修正\n第一条"
            ),
            ("全国人民代表大会常务委员会".into(), "2005-08-28".into())
        );
        // Coming into force, then a long run of revisions on the same line.
        let revisions = "根据2001年8月18日山东省九届人民代表大会常务委员会第二十二次会议批准的2001年7月19日青岛市第十二届人民代表大会常务委员会第二十八次会议《关于修改〈青岛市古树名木保护管理办法〉等九件地方性法规部门条款的决定》第一次修正".repeat(2)
            + "根据2018年9月7日青岛市第十六届人民代表大会常务委员会第十一次会议《关于修改〈青岛市环境噪声管理规定〉等十九件地方性法规的决定》第四次修正";
        assert_eq!(
            header(&format!(
                "青岛市档案管理条例\n1997年5月23日 青岛市第十一届人民代表大会常务委员会第三十一次会议通过\n1997年7月1日 施行{revisions}\n第一条"
            )),
            ("青岛市人民代表大会常务委员会".into(), "2018-09-07".into())
        );
        // Sessions written without 第; a body with no place name is left out.
        assert_eq!(
            header("某条例\n2016年6月28日 杭州市十二届人大常委会第三十八次会议通过\n第一条"),
            ("杭州市人民代表大会常务委员会".into(), "2016-06-28".into())
        );
        assert_eq!(
            header("某条例\n2014年10月29日 市十四届人大常委会第十九次会议通过\n第一条"),
            (String::new(), "2014-10-29".into())
        );
        // Promulgation lines broken in two, mid-date or between two issuers.
        assert_eq!(
            header(
                "某规定\n2015年12月14日 济南市第十五届人民代表大会常务委员会第二十五次会议通过\n2016年1月22\n日山东省第十二届人民代表大会常务委员会第十八次会议批准\n第一条"
            ),
            ("济南市人民代表大会常务委员会".into(), "2016-01-22".into())
        );
        assert_eq!(
            header("军用标准化管理办法\n1984年1月7日 国务院\n中央军委发布\n第一条"),
            ("国务院".into(), "1984-01-07".into())
        );
        // A joint judicial interpretation; a regulation the State Council approved.
        assert_eq!(
            header(
                "某解释\n2013年3月8日 最高人民法院审判委员会第1571次会议、2013年3月18日最高人民检察院第十二届检察委员会第1次会议通过\n第一条"
            ),
            ("最高人民法院、最高人民检察院".into(), "2013-03-18".into())
        );
        assert_eq!(
            header("某实施细则\n1987年10月14日 国务院批准\n1987年10月20日 农牧渔业部发布\n第一条"),
            ("国务院".into(), "1987-10-20".into())
        );
    }

    #[test]
    fn joint_orders_and_issuers_named_by_the_title() {
        let meta = |text: &str| crate::document::parse("x.md", text).remove(0).meta;
        // A joint order: the first issuer leads (as the laws corpus records it).
        let m = meta(
            "# 中国人民武装警察部队实行警官警衔制度的具体办法\n\n1988年12月17日 中华人民共和国国务院、中央军事委员会令第22号发布\n\n<!-- INFO END -->\n\n中国人民武装警察部队是国家武装力量的组成部分。\n",
        );
        assert_eq!(m.body.as_deref(), Some("国务院"));
        assert_eq!(m.date.unwrap().to_string(), "1988-12-17");
        // No header at all: the issuer the title opens with.
        for (title, body) in [
            (
                "最高人民法院关于人民法院特邀调解的规定",
                Some("最高人民法院"),
            ),
            (
                "最高人民法院、最高人民检察院关于办理环境污染刑事案件适用法律若干问题的解释",
                Some("最高人民法院、最高人民检察院"),
            ),
            ("国务院关于涉外知识产权纠纷处理的规定", Some("国务院")),
            (
                "广州市人民政府关于加快科技创新的若干政策意见",
                Some("广州市人民政府"),
            ),
            // A government without its place, or a title that is not an issuer's.
            ("市人民政府关于加强管理的通知", None),
            (
                "关于内地与香港特别行政区法院相互委托送达民商事司法文书的安排",
                None,
            ),
            ("地名管理条例", None),
        ] {
            let m = meta(&format!(
                "# {title}\n\n<!-- INFO END -->\n\n第一条 为了规范管理，制定本规定。\n"
            ));
            assert_eq!(m.title.as_deref(), Some(title));
            assert_eq!(m.body.as_deref(), body, "{title}");
        }
        // A city's regulation approved by its province: the city's, whether the province
        // wrote `批准`, `通过批准的` or `通过`; a name repeated above the text does not undo
        // the enacting body.
        for header in [
            "2006年9月28日 宁波市第十二届人民代表大会常务委员会第三十二次会议通过\n\n2021年3月26日 浙江省第十三届人民代表大会常务委员会第二十八次会议通过批准的《宁波市人民代表大会常务委员会关于修改〈宁波市经营燃放烟花爆竹安全管理规定〉的决定》修正",
            "2020年6月10日 宁波市第十六届人民代表大会常务委员会第二十四次会议修订\n\n2020年7月24日 浙江省第十三届人民代表大会常务委员会第二十二次会议通过",
        ] {
            let m = meta(&format!(
                "# 宁波市经营燃放烟花爆竹安全管理规定\n\n{header}\n\n<!-- INFO END -->\n\n第一条 为了加强烟花爆竹安全管理，制定本规定。\n"
            ));
            assert_eq!(
                m.body.as_deref(),
                Some("宁波市人民代表大会常务委员会"),
                "{header}"
            );
        }
        let m = meta(
            "# 中华人民共和国全国人民代表大会常务委员会议事规则\n\n1987年11月24日 第六届全国人民代表大会常务委员会第二十三次会议通过\n\n<!-- INFO END -->\n\n中华人民共和国全国人民代表大会\n\n常务委员会议事规则\n\n## 第一章 总则\n\n第一条 根据宪法、全国人民代表大会组织法，制定本规则。\n",
        );
        assert_eq!(m.body.as_deref(), Some("全国人民代表大会常务委员会"));
        // Both supreme bodies: spaced apart above the text, or one per header line with
        // the title naming both.
        let m = meta(
            "# 最高人民法院、最高人民检察院关于办理危害生产安全刑事案件适用法律若干问题的解释（二）\n\n2022年9月19日 最高人民法院审判委员会第1875次会议、2022年10月25日最高人民检察院第十三届检察委员会第一百零六次会议通过\n\n<!-- INFO END -->\n\n最高人民法院  最高人民检察院\n\n关于办理危害生产安全刑事案件适用法律若干问题的解释（二）\n\n第一条 为依法惩治犯罪，制定本解释。\n",
        );
        assert_eq!(m.body.as_deref(), Some(SUPREME_BODIES));
        let m = meta(
            "# 最高人民法院、最高人民检察院关于修改《关于办理妨害信用卡管理刑事案件具体应用法律若干问题的解释》的决定\n\n2018年7月30日 最高人民法院审判委员会第1745次会议\n\n2018年10月19日 最高人民检察院第十三届检察委员会第七次会议通过\n\n<!-- INFO END -->\n\n一、修改第一条。\n",
        );
        assert_eq!(m.body.as_deref(), Some(SUPREME_BODIES));
        // One of them alone, in the header and not in the title: that one.
        let m = meta(
            "# 人民检察院刑事诉讼规则\n\n2019年12月2日 最高人民检察院第十三届检察委员会第二十八次会议通过\n\n<!-- INFO END -->\n\n第一条 为保证人民检察院在刑事诉讼中严格执行法律，制定本规则。\n",
        );
        assert_eq!(m.body.as_deref(), Some("最高人民检察院"));
        // A `# title` longer than any header line is still the title, and the header
        // goes on below it.
        let long = "最高人民法院关于修改《最高人民法院关于在民事审判工作中适用〈中华人民共和国工会法〉若干问题的解释》等二十七件民事类司法解释的决定";
        let m = meta(&format!(
            "# {long}\n\n2020年12月23日 最高人民法院审判委员会第1823次会议通过\n\n2021年1月1日 施行\n\n<!-- INFO END -->\n\n根据审判实践需要，作如下修改：\n"
        ));
        assert_eq!(m.title.as_deref(), Some(long));
        assert_eq!(m.body.as_deref(), Some("最高人民法院"));
        assert_eq!(m.date.unwrap().to_string(), "2020-12-23");
    }

    /// Policy notices as local governments publish them: the issuer on its own line above
    /// `关于…`, a title broken over lines, the signature above an attached plan, page
    /// furniture on the title's heels, a cover with its author and date.
    #[test]
    fn policy_notices_as_published() {
        let meta = |text: &str| crate::document::parse("x.txt", text).remove(0).meta;
        let m = meta(
            "舟山市普陀区人民政府办公室\n关于印发2021年政府工作报告重点工作\n责任分解的通知\n发布日期：2021-03-09 09:08:35浏览次数：179\n各镇人民政府、街道办事处，区属各单位：\n《政府工作报告重点工作责任分解》已经区政府同意，现印发给你们，请认真贯彻执行。\n舟山市普陀区人民政府办公室\n2021年3月9日\n（此件公开发布）\n一、总体要求\n坚持稳中求进工作总基调，全面完成2021年各项目标任务。\n二、工作安排\n各责任单位要细化措施，确保各项工作于2021年12月底前完成。\n三、保障措施\n加强督查考核，每季度通报一次进展情况。\n四、其他\n本方案由区政府办公室负责解释。\n",
        );
        assert_eq!(
            m.title.as_deref(),
            Some("舟山市普陀区人民政府办公室关于印发2021年政府工作报告重点工作责任分解的通知")
        );
        assert_eq!(m.body.as_deref(), Some("舟山市普陀区人民政府办公室"));
        assert_eq!(m.date.unwrap().to_string(), "2021-03-09");
        // A title's first line is no body's name; the one who issues or forwards is.
        let m = meta(
            "天津市人民政府印发关于落实国务院\n《政府工作报告》重点工作任务分工的通知\n各区人民政府，各委、局：\n现将《关于落实国务院〈政府工作报告〉重点工作任务分工》印发给你们，请照此执行。\n",
        );
        assert_eq!(
            m.title.as_deref(),
            Some("天津市人民政府印发关于落实国务院《政府工作报告》重点工作任务分工的通知")
        );
        assert_eq!(m.body.as_deref(), Some("天津市人民政府"));
        let m = meta(
            "北京市人民政府转发国务院关于进一步做好普通高等学校毕业生就业工作通知的通知\n收藏字号：   大   中   小\n京政发〔2009〕12号\n各区、县人民政府，市政府各委、办、局：\n现将《国务院关于做好毕业生就业工作的通知》转发给你们，请认真贯彻执行。\n",
        );
        assert_eq!(
            m.title.as_deref(),
            Some("北京市人民政府转发国务院关于进一步做好普通高等学校毕业生就业工作通知的通知")
        );
        assert_eq!(m.body.as_deref(), Some("北京市人民政府"));
        // No signature: the printing record below the distribution list, or else the
        // date the notice takes effect.
        let m = meta(
            "无锡市人民政府关于进一步提升消费信心的若干措施\n各市（县）、区人民政府，市各委办局：\n现将若干措施印发给你们，请认真贯彻执行。\n本措施由无锡市人民政府负责解释。\n抄送：市委各部门，市人大常委会办公室。\n无锡市人民政府办公室 2020 年 6 月 3 日印 发\n",
        );
        assert_eq!(m.date.unwrap().to_string(), "2020-06-03");
        let m = meta(
            "关于新型墙体材料增值税政策的通知\n各省、自治区、直辖市财政厅（局）：\n一、对纳税人销售自产的新型墙体材料，实行增值税即征即退50%的政策。\n八、本通知自2015年7月1日起执行。\n",
        );
        assert_eq!(m.date.unwrap().to_string(), "2015-07-01");
        // A cover: author and date on one line, then a table of contents.
        let m = meta(
            "桂林市国家物流枢纽布局城市建设规划\n桂林市发展和改革委员会2020 年 6 月\n目\t录\n前 言\t1\n一、发展基础与环境\t2\n前言\n桂林是国务院确定的全国性综合交通枢纽城市，物流业发展基础良好。\n",
        );
        assert_eq!(
            m.title.as_deref(),
            Some("桂林市国家物流枢纽布局城市建设规划")
        );
        assert_eq!(m.body.as_deref(), Some("桂林市发展和改革委员会"));
        assert_eq!(m.date.unwrap().to_string(), "2020-06");
    }

    #[test]
    fn document_numbers_are_not_titles() {
        let (meta, _) = read_header(&lines(
            "穗府〔2015〕10号广州市人民政府关于加快科技创新的若干政策意见\n各区人民政府：",
        ));
        assert_eq!(
            meta.title.as_deref(),
            Some("广州市人民政府关于加快科技创新的若干政策意见")
        );
        assert_eq!(
            meta.extra.get("doc_number").map(String::as_str),
            Some("穗府〔2015〕10号")
        );
    }

    #[test]
    fn chinese_numeral_dates() {
        assert_eq!(
            parse_cn_date("二〇二〇年三月五日").unwrap().to_string(),
            "2020-03-05"
        );
        assert_eq!(
            parse_cn_date("一九五四年九月二十三日").unwrap().to_string(),
            "1954-09-23"
        );
        assert_eq!(
            parse_cn_date("（一九五七年六月）").unwrap().to_string(),
            "1957-06"
        );
        assert!(parse_cn_date("二〇二〇年十三月").is_none());
    }

    #[test]
    fn body_cues_in_the_text() {
        let mut meta = Metadata::default();
        read_body_cues(
            &mut meta,
            &lines("各位代表：\n现在，我代表国务院，向大会作政府工作报告，请予审议。"),
            &[],
        );
        assert_eq!(meta.body.as_deref(), Some("国务院"));
        let mut meta = Metadata::default();
        read_body_cues(
            &mut meta,
            &lines("各单位要认真执行。\n张家港市人民政府\n2021年6月30日"),
            &[],
        );
        assert_eq!(meta.body.as_deref(), Some("张家港市人民政府"));
        assert_eq!(meta.date.unwrap().to_string(), "2021-06-30");
    }

    #[test]
    fn running_text_has_no_header() {
        let (meta, used) = read_header(&lines("工业兴则经济兴，开局稳则全局稳。\n过去一年。"));
        assert_eq!(used, 0);
        assert_eq!(meta, Metadata::default());
    }
}
