//! The rules that tell a name in running text: a suffix that ends a word (有限公司,
//! 集团, 银行; 委员会, 局, 部; 省, 市, 县), the words before it that belong to the name
//! (jieba's tags tell proper words from verbs and particles), and short names the text
//! defines itself (`（以下简称“安康高新集团”）`).
//!
//! Only a window around each suffix is segmented, the same way wherever the suffix
//! occurs: a name is found in any text that holds it, and most text is never segmented.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use jieba_rs::{Jieba, Tag};
use regex::Regex;

use super::NameKind;
use super::lexicon::*;

/// Finds names in folded passage text.
pub struct NameRules {
    kinds: Vec<NameKind>,
    automaton: AhoCorasick,
    /// The suffixes searched for, in the automaton's order.
    suffixes: Vec<(&'static str, NameKind)>,
}

/// A short name a text defines, and the name it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortName {
    pub short: String,
    pub full: String,
    pub kind: NameKind,
}

impl NameRules {
    /// The rules for names of `kinds` (a short name is of the kind of its full name).
    pub fn new(kinds: &[NameKind]) -> NameRules {
        let suffixes: Vec<(&'static str, NameKind)> = SUFFIXES
            .iter()
            .copied()
            .filter(|(_, k)| kinds.contains(k))
            .collect();
        NameRules {
            kinds: kinds.to_vec(),
            automaton: AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(suffixes.iter().map(|(s, _)| s))
                .expect("the suffixes are a small fixed set"),
            suffixes,
        }
    }

    /// Every name found in `text` (folded), with its kind and its end (character
    /// offset), in text order; then the short names `text` defines.
    pub fn find(
        &self,
        jieba: &Jieba,
        text: &str,
    ) -> (Vec<(String, NameKind, usize)>, Vec<ShortName>) {
        let chars: Vec<char> = text.chars().collect();
        // Character offsets of the matches, counted on from the last (they come in order).
        let (mut byte, mut char) = (0, 0);
        let mut names: Vec<(String, NameKind, usize)> = Vec::new();
        let mut places: Vec<(String, NameKind, usize)> = Vec::new();
        let mut window = String::new();
        for m in self.automaton.find_iter(text) {
            let (suffix, kind) = self.suffixes[m.pattern().as_usize()];
            char += text[byte..m.end()].chars().count();
            byte = m.end();
            let end = char;
            let suffix_chars = suffix.chars().count();
            let start = end - suffix_chars;
            if in_title(&chars[..start]) || continues_word(suffix, chars.get(end)) {
                continue;
            }
            let left = chars[..start]
                .iter()
                .rev()
                .take(LEFT_CHARS)
                .take_while(|c| crate::text::is_cjk(**c))
                .count();
            let cut = start > left && crate::text::is_cjk(chars[start - left - 1]);
            let right = chars[end..]
                .iter()
                .take(RIGHT_CHARS)
                .take_while(|c| crate::text::is_cjk(**c))
                .count();
            window.clear();
            window.extend(&chars[start - left..end + right]);
            let at = (left + suffix_chars, cut);
            if let Some(name) = name_in(jieba, &window, at, suffix, kind)
                .filter(|name| kind != NameKind::Enterprise || is_enterprise(jieba, name, suffix))
                .filter(|name| !counted(&chars[..end - name.chars().count()]))
            {
                // 投资集团 then 投资集团有限公司: the name is the longer one.
                let start = end - name.chars().count();
                if let Some(last) = names.last()
                    && last.2 - last.0.chars().count() == start
                    && last.1 == kind
                {
                    names.pop();
                }
                if kind != NameKind::Place
                    && self.kinds.contains(&NameKind::Place)
                    && let Some(place) = leading_place(jieba, &name)
                {
                    let place_end = end - name.chars().count() + place.chars().count();
                    places.push((place, NameKind::Place, place_end));
                }
                names.push((name, kind, end));
            }
        }
        // The places that open bodies' names (杭州市 of 杭州市人民政府) are named too.
        names.append(&mut places);
        names.sort_by_key(|(_, _, end)| *end);
        let mut short = self.add_official(text, &mut names);
        short.extend(short_names(jieba, text, &names));
        (names, short)
    }

    /// Adds the names of government written in `text` to the names found by suffix,
    /// whose names inside one of them are dropped (大湾区 in 粤港澳大湾区, 中国银行 in
    /// 中国银行保险监督管理委员会); returns the short forms found.
    fn add_official(
        &self,
        text: &str,
        names: &mut Vec<(String, NameKind, usize)>,
    ) -> Vec<ShortName> {
        let official = super::official::find(text);
        if official.is_empty() {
            return Vec::new();
        }
        names.retain(|(name, _, end)| {
            let start = end - name.chars().count();
            !official
                .iter()
                .any(|o| o.start <= start && *end <= o.end && o.end - o.start > end - start)
        });
        let mut short = Vec::new();
        for o in official {
            if !self.kinds.contains(&o.kind) {
                continue;
            }
            match o.short_for {
                Some(full) => short.push(ShortName {
                    short: o.name.to_string(),
                    full: full.to_string(),
                    kind: o.kind,
                }),
                // The list knows the kind better than a suffix (中国人民银行 is the central
                // bank, not an enterprise).
                None => match names
                    .iter_mut()
                    .find(|(n, _, end)| *end == o.end && n == o.name)
                {
                    Some(same) => same.1 = o.kind,
                    None => names.push((o.name.to_string(), o.kind, o.end)),
                },
            }
        }
        names.sort_by_key(|(_, _, end)| *end);
        short
    }
}

/// Whether a name with an enterprise's suffix is an enterprise's: not a place and a kind
/// of company alone (`江苏有限公司`), not a clique named by what it does or by its leader
/// (`苏联领导集团`, `南朝鲜李承晚集团`).
fn is_enterprise(jieba: &Jieba, name: &str, suffix: &str) -> bool {
    if let Some(stem) = COMPANY_KINDS.iter().find_map(|k| name.strip_suffix(k)) {
        let tags = jieba.tag(stem, false);
        return !matches!(tags.as_slice(), [one] if one.tag == "ns");
    }
    if suffix == "集团"
        && let Some(stem) = name.strip_suffix("集团")
        && let Some(last) = jieba.tag(stem, false).last()
    {
        return !((last.tag.starts_with("nr") && last.word.chars().count() >= 3)
            || CLIQUE_WORDS.contains(&last.word));
    }
    true
}

/// The place a body's or an enterprise's name opens with, if it is one by the place
/// rules (杭州市 of 杭州市人民政府, 江苏省 of 江苏省财政厅).
fn leading_place(jieba: &Jieba, name: &str) -> Option<String> {
    let chars: Vec<char> = name.chars().collect();
    (2..chars.len().saturating_sub(1)).find_map(|i| {
        let suffix = match chars[i] {
            '省' => "省",
            '市' => "市",
            '县' => "县",
            _ => return None,
        };
        let place: String = chars[..=i].iter().collect();
        (name_in(jieba, &place, (i + 1, false), suffix, NameKind::Place).as_deref()
            == Some(place.as_str()))
        .then_some(place)
    })
}

/// Whether the text before a suffix is inside a title (《中华人民共和国村民委员会组织法》
/// names a law, not the committees), or a title inside one (《关于修改〈浙江省村民委员会
/// 选举办法〉的决定》).
fn in_title(before: &[char]) -> bool {
    before
        .iter()
        .rev()
        .find(|c| matches!(c, '《' | '》' | '〈' | '〉'))
        .is_some_and(|c| matches!(c, '《' | '〈'))
}

/// Whether the text before a name counts them (新设2个岐黄中医学院, 扩建3座中心城区污水处理厂):
/// a number of them is a kind of body or plant, not one.
fn counted(before: &[char]) -> bool {
    match before {
        [.., number, classifier] => {
            CLASSIFIERS.contains(*classifier)
                && (number.is_ascii_digit() || CHINESE_NUMERALS.contains(*number))
        }
        _ => false,
    }
}

/// Whether the character after a suffix makes it part of a common word jieba may cut
/// apart (上海银行|间 of 上海银行间同业拆放利率: the interbank rate, not a bank).
fn continues_word(suffix: &str, next: Option<&char>) -> bool {
    next.is_some_and(|c| runs_on(suffix).contains(*c))
}

/// The name ending at character `end` of `window` with `suffix`, if the words before
/// make one. `cut`: the window starts inside running text, so its first word may be
/// the end of a longer one.
fn name_in(
    jieba: &Jieba,
    window: &str,
    (end, cut): (usize, bool),
    suffix: &str,
    kind: NameKind,
) -> Option<String> {
    let tags = words_to_suffix(jieba.tag(window, false), end, suffix)?;
    let last = tags.len() - 1;
    let word = &tags[last];
    if !ends_name(jieba, word, suffix, kind) {
        return None;
    }
    // Characters jieba does not know as words come one by one: two or more together
    // are a name it does not know (尧柏); one alone is a word cut off by the window or
    // a particle (条国务院, 报市人民政府).
    let name_char =
        |i: usize| tags[i].word.chars().count() == 1 && NAME_CHAR_TAGS.contains(&tags[i].tag);
    let unknown_run = |i: usize| {
        name_char(i) && ((i > 0 && name_char(i - 1)) || (i + 1 < last && name_char(i + 1)))
    };
    // An enterprise's trade name is any characters (安康城投公司: 城 + 投), found
    // between its place and its suffix.
    let trade_name = |i: usize| {
        kind == NameKind::Enterprise
            && tags[i].word.chars().count() == 1
            && tags[i]
                .word
                .chars()
                .all(|c| crate::text::is_cjk(c) && !NOT_IN_NAMES.contains(c))
    };
    let lowest = usize::from(cut);
    let mut first = last;
    while first > lowest
        && end - tags[first - 1].start <= MAX_NAME_CHARS
        && (unknown_run(first - 1)
            || trade_name(first - 1)
            || belongs(
                &tags[first - 1],
                &tags[first],
                kind,
                first == last && word.word == suffix,
            ))
    {
        first -= 1;
    }
    // A name starts with a proper word: the common words before it are not its own.
    // 财政部 (a ministry) but 康复医院 (a kind of hospital).
    let central = CENTRAL_SUFFIXES.contains(&suffix) && word.word == suffix;
    while first < last && !(unknown_run(first) || starts_name(jieba, &tags[first], central, kind)) {
        first += 1;
    }
    // The Party's committee of what? (县（市、区）的中国共产党委员会: each county's.)
    if matches!(tags[first].word, "中国共产党" | "中共")
        && word.word == suffix
        && !tags[first + 1..last].iter().any(|t| {
            PROPER_TAGS.contains(&t.tag) || NAME_STARTS.contains(&t.word) || ends_in_suffix(t.word)
        })
    {
        return None;
    }
    let name: String = tags[first..=last].iter().map(|t| t.word).collect();
    if NOT_FIRST.iter().any(|p| name.starts_with(p))
        || name
            .chars()
            .next()
            .is_some_and(|c| NOT_IN_NAMES.contains(c))
    {
        return None;
    }
    if first == last {
        return known_alone(jieba, word, suffix, kind).then_some(name);
    }
    // Every province is a word jieba knows (陕西省): 芜湖省 is a slip of the text.
    if kind == NameKind::Place && matches!(suffix, "省" | "自治区") {
        return None;
    }
    let prefix_chars = word.start - tags[first].start;
    (prefix_chars >= 2).then_some(name)
}

/// The words of a window up to the suffix ending at `end`, the suffix one word (jieba
/// may cut it in two: 有限 + 公司); `None` when no word ends there or the suffix starts
/// inside a word (市 in 城市场).
fn words_to_suffix<'a>(
    mut tags: Vec<Tag<'a>>,
    end: usize,
    suffix: &'a str,
) -> Option<Vec<Tag<'a>>> {
    let last = tags.iter().position(|t| t.end == end)?;
    tags.truncate(last + 1);
    let suffix_start = end - suffix.chars().count();
    let first_of_suffix = tags.iter().position(|t| t.end > suffix_start)?;
    if first_of_suffix < last {
        if tags[first_of_suffix].start != suffix_start {
            return None;
        }
        tags.truncate(first_of_suffix + 1);
        let merged = &mut tags[first_of_suffix];
        (merged.word, merged.tag, merged.end) = (suffix, "n", end);
    }
    Some(tags)
}

/// Whether the word that ends with `suffix` can end a name of `kind`: an enterprise's
/// last word may be any noun (水泥厂), a body's or a place's is the suffix itself, a
/// proper word, or a body's common name (人民政府), never a common word that happens
/// to end so (布局, 干部, 城市).
fn ends_name(jieba: &Jieba, word: &Tag<'_>, suffix: &str, kind: NameKind) -> bool {
    if kind == NameKind::Place {
        return word.word == suffix || known_alone(jieba, word, suffix, kind);
    }
    word.word == suffix
        || PROPER_TAGS.contains(&word.tag)
        || GENERIC.contains(&word.word)
        || (kind == NameKind::Enterprise && word.tag.starts_with('n'))
}

/// Whether a word ending with `suffix`, with nothing before it, is a name: jieba knows
/// it as one and what comes before the suffix is a proper word itself (浙江省, 中国银行)
/// — or, for a central body, jieba knows it as an organisation (财政部, 国务院).
fn known_alone(jieba: &Jieba, word: &Tag<'_>, suffix: &str, kind: NameKind) -> bool {
    let Some(stem) = word.word.strip_suffix(suffix) else {
        return false;
    };
    if COMMON_STEMS.contains(&stem) {
        return false;
    }
    if stem.chars().count() < 2 || GENERIC.contains(&word.word) || !PROPER_TAGS.contains(&word.tag)
    {
        return false;
    }
    // 安康市, 汉滨区: jieba knows the whole as a place.
    if kind == NameKind::Place {
        return word.tag == "ns" && !ends_in_suffix(stem) && place_stem(jieba, stem);
    }
    let stem_tag = match jieba.tag(stem, false).as_slice() {
        [one] => one.tag,
        // A national enterprise jieba knows whole (中国农业银行, 国家开发银行).
        _ => {
            return kind == NameKind::Enterprise
                && word.tag == "nt"
                && ["中国", "国家", "中华"].iter().any(|s| stem.starts_with(s));
        }
    };
    match kind {
        NameKind::Place => unreachable!("answered above"),
        // 财政部, 国资委, 中科院; not 福利院 (a kind of home).
        NameKind::Organisation => {
            (matches!(word.tag, "nt" | "j")
                && CENTRAL_SUFFIXES.contains(&suffix)
                && (suffix != "院" || word.tag == "j" || word.word == "国务院")
                && !DIRECTIONS.contains(&stem))
                // A place's body jieba knows whole (北京市人民政府: 北京市 + 人民政府).
                || (word.tag == "nt" && stem_tag == "ns" && GENERIC.contains(&suffix))
        }
        NameKind::Enterprise => word.tag == "nt" && PROPER_TAGS.contains(&stem_tag),
    }
}

/// Whether `tag` (a word of two or more characters) may be part of a name of `kind`
/// before `next`, the name's first word so far.
fn belongs(tag: &Tag<'_>, next: &Tag<'_>, kind: NameKind, next_is_suffix: bool) -> bool {
    if tag.word.chars().count() == 1
        || COMMON_STEMS.contains(&tag.word)
        || STOP_WORDS.contains(&tag.word)
    {
        return false;
    }
    // Two names in a row with nothing between (a list extracted from a table): a body
    // or a company then a place starts another name.
    if ends_with_name_suffix(tag.word)
        && (next.tag == "ns" || NAME_STARTS.iter().any(|s| next.word.starts_with(s)))
    {
        return false;
    }
    if kind == NameKind::Place {
        // A place is one word and its suffix (陕西省安康市 is two places).
        return next_is_suffix && !ends_in_suffix(tag.word);
    }
    PROPER_TAGS.contains(&tag.tag)
        || NAME_STARTS.contains(&tag.word)
        || INNER_TAGS.contains(&tag.tag)
        || (kind == NameKind::Enterprise && matches!(tag.tag, "a" | "ad" | "d"))
}

/// Whether a name of `kind` ending with `suffix` can start with this word (of two or
/// more characters): a place (陕西, 安康), or for a central body an organisation or
/// abbreviation (国务院); a local body or an enterprise needs its place (税务局 of which
/// city? 外商投资公司 is a kind of company).
fn starts_name(jieba: &Jieba, tag: &Tag<'_>, central: bool, kind: NameKind) -> bool {
    if tag.word.chars().count() < 2
        || COMMON_STEMS.contains(&tag.word)
        || STOP_WORDS.contains(&tag.word)
    {
        return false;
    }
    let place = || is_place(jieba, tag);
    match kind {
        NameKind::Place => !ends_in_suffix(tag.word) && place(),
        NameKind::Organisation if central => {
            matches!(tag.tag, "ns" | "nt" | "j") || NAME_STARTS.contains(&tag.word)
        }
        NameKind::Organisation => NAME_STARTS.contains(&tag.word) || place(),
        NameKind::Enterprise => tag.tag == "eng" || tag.word == "中国" || place(),
    }
}

/// Whether a word names a place: jieba knows it as one, or knows it with a place
/// suffix (安康 is a person's name to jieba, 安康市 a place).
fn is_place(jieba: &Jieba, tag: &Tag<'_>) -> bool {
    // Jieba also tags phrases as places (土地利用, 周边城市): a place's own name is short.
    if tag.tag == "ns" && tag.word.chars().count() <= 3 {
        return true;
    }
    ["市", "县", "省", "区"].iter().any(|s| {
        matches!(jieba.tag(&format!("{}{s}", tag.word), false).as_slice(), [one] if one.tag == "ns")
    })
}

/// Whether what comes before a place suffix in a word jieba knows as a place is a
/// place's name: a word it knows as a name, or characters it does not know (汉滨), not
/// a common word (中心镇, 田园城市).
fn place_stem(jieba: &Jieba, stem: &str) -> bool {
    let tags = jieba.tag(stem, false);
    match tags.as_slice() {
        [one] => matches!(one.tag, "ns" | "nr" | "j" | "nrt"),
        more => more
            .iter()
            .all(|t| t.word.chars().count() == 1 && NAME_CHAR_TAGS.contains(&t.tag)),
    }
}

/// Whether a word ends a name: a suffix of two or more characters (委员会, 有限公司), or
/// a word ending with a suffix.
fn ends_with_name_suffix(word: &str) -> bool {
    SUFFIXES
        .iter()
        .any(|(s, _)| word.ends_with(s) && (word != *s || s.chars().count() > 1))
}

/// Whether a word ends with a name suffix (a name of its own).
fn ends_in_suffix(word: &str) -> bool {
    // 杭州, 郑州 end in 州 but are one place's name, not a place and its suffix.
    SUFFIXES.iter().any(|(s, _)| {
        word.strip_suffix(s)
            .is_some_and(|rest| rest.chars().count() >= 2)
    })
}

/// The characters that, written right after `name`, make it part of a common word
/// rather than the name (财政部门 is finance departments, not 财政部): empty for most.
pub fn runs_on(name: &str) -> &'static str {
    NOT_NAME_ENDS
        .iter()
        .find(|(suffix, _)| name.ends_with(suffix))
        .map_or("", |(_, after)| after)
}

/// The kind of name `word` ends like, if any.
pub fn kind_by_suffix(word: &str) -> Option<NameKind> {
    SUFFIXES
        .iter()
        .find(|(s, _)| word.ends_with(s))
        .map(|(_, k)| *k)
}

/// `（以下简称“X”）` and its kin: X is a short name of the name found just before.
fn short_names(jieba: &Jieba, text: &str, names: &[(String, NameKind, usize)]) -> Vec<ShortName> {
    static DEFINED: OnceLock<Regex> = OnceLock::new();
    let defined = DEFINED.get_or_init(|| {
        Regex::new(
            r"[（(](?:以下)?(?:简称|称)[：:]?[“”\x22「『‘]([\p{Han}A-Za-z0-9]{2,16})[”“\x22」』’]",
        )
        .expect("a fixed pattern")
    });
    let mut out = Vec::new();
    for caps in defined.captures_iter(text) {
        let (whole, short) = (caps.get(0).expect("match"), caps.get(1).expect("group"));
        let at = text[..whole.start()].chars().count();
        // The name the bracket follows, ending right before it.
        if let Some((full, kind, _)) = names.iter().rev().find(|(_, _, end)| *end == at) {
            let short = short.as_str().to_string();
            // 自治县, 地区: a common word is no name, whatever the text calls it.
            let tags = jieba.tag(&short, false);
            // 伦理委员会 is what one text calls its committee, not a name to count across
            // a corpus: a short name with a suffix must be a name by the rules.
            let suffixed = SUFFIXES.iter().find(|(s, _)| short.ends_with(s));
            let common = GENERIC.contains(&short.as_str())
                || matches!(tags.as_slice(), [one] if !PROPER_TAGS.contains(&one.tag))
                || suffixed.is_some_and(|(suffix, kind)| {
                    let end = short.chars().count();
                    name_in(jieba, &short, (end, false), suffix, *kind).as_deref()
                        != Some(short.as_str())
                });
            if short != *full && !common {
                out.push(ShortName {
                    short,
                    full: full.clone(),
                    kind: *kind,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, NameKind)> {
        let jieba = Jieba::new();
        NameRules::new(&NameKind::ALL)
            .find(&jieba, text)
            .0
            .into_iter()
            .map(|(n, k, _)| (n, k))
            .collect()
    }

    #[test]
    fn names_end_at_their_suffix_and_start_at_a_proper_word() {
        let names = found("支持陕西尧柏水泥有限公司扩大产能，城市建设和市场监管");
        assert_eq!(
            names,
            vec![("陕西尧柏水泥有限公司".to_string(), NameKind::Enterprise)]
        );
        let names = found("陕西省安康市汉滨区人民政府");
        let names: Vec<&str> = names.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"陕西省"), "{names:?}");
        assert!(names.contains(&"安康市"), "{names:?}");
        assert!(!names.contains(&"人民政府"), "{names:?}");
    }

    #[test]
    fn generic_words_are_not_names() {
        for text in [
            "全省上下",
            "我市经济",
            "各地区",
            "该公司表示",
            "商业银行贷款",
            "领导干部",
            "总体格局",
        ] {
            assert_eq!(found(text), vec![], "{text}");
        }
    }

    #[test]
    fn a_short_name_the_text_defines_is_found() {
        let jieba = Jieba::new();
        let text =
            "陕西安康高新技术产业开发区投资集团有限公司（以下简称“安康高新集团”）成立于2010年";
        let (names, short) = NameRules::new(&NameKind::ALL).find(&jieba, text);
        assert!(!names.is_empty());
        assert_eq!(short.len(), 1, "{names:?}");
        assert_eq!(short[0].short, "安康高新集团");
        assert_eq!(short[0].kind, NameKind::Enterprise);
        assert!(short[0].full.ends_with("集团有限公司"), "{short:?}");
    }

    /// Sentences cut from `../shared/corpus/` (file named with each): what the rules
    /// read in them, and what they must not.
    #[test]
    fn kinds_counts_and_boundaries_are_not_names() {
        for (text, wanted, source) in [
            // A boundary: 东至 (east to) is no part of the county.
            (
                "云台山景区的范围为：东至修武县东部边界",
                &["修武县"][..],
                "laws_lawrefbook/docs/law_01057.txt",
            ),
            // The interbank rate, not 上海银行.
            (
                "将上海银行间同业拆放利率和",
                &[],
                "laws_lawrefbook/docs/law_00139.txt",
            ),
            // Counted: a kind of plant or college, and 中心 is a rank.
            (
                "推动扩建3座中心城区污水处理厂",
                &[],
                "local_policy_docx/docs/policy_noservice_138.txt",
            ),
            (
                "新设2个岐黄中医学院。成功",
                &[],
                "provincial_gwr_2026/docs/gwr_2026_gansu.txt",
            ),
            (
                "建成区域性中心敬老院90家",
                &[],
                "provincial_gwr_2026/docs/gwr_2026_jiangxi.txt",
            ),
            // A level of courts, not one court.
            (
                "当事人对北京市基层人民法院作出的",
                &["北京市"],
                "laws_lawrefbook/docs/law_02093.txt",
            ),
            // A title inside a title.
            (
                "关于修改〈浙江省村民委员会选举办法〉",
                &["浙江省"],
                "laws_lawrefbook/docs/law_01678.txt",
            ),
            (
                "对门诊、住院部等区域开展安全巡",
                &[],
                "laws_lawrefbook/docs/law_00287.txt",
            ),
            (
                "保护五万亩（海岛县、区五千亩）以上",
                &[],
                "laws_lawrefbook/docs/law_01701.txt",
            ),
            // The Party's committee is named with the Party first.
            (
                "据中国共产党北京市委员会调查",
                &["中国共产党", "北京市", "中国共产党北京市委员会"],
                "national_gwr/docs/gwr_1955.txt",
            ),
        ] {
            let names = found(text);
            let names: Vec<&str> = names.iter().map(|(n, _)| n.as_str()).collect();
            assert_eq!(names, wanted, "{text} ({source})");
        }
    }
}
