//! The words of the pages, one table per language: Chinese by default, English with
//! `lang=en` (kept in every link and form). Counts, dates and field labels are written
//! as readers of each language write them. The API keeps its field names; field names
//! from manifests that have no label are shown as they are.

use crate::document::DocDate;

/// The language a page speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Lang {
    #[default]
    Zh,
    En,
}

/// The fixed words of the pages.
pub(crate) struct Words {
    pub html_lang: &'static str,
    pub nav_search: &'static str,
    pub nav_mentions: &'static str,
    pub nav_trend: &'static str,
    pub nav_docs: &'static str,
    pub nav_keywords: &'static str,
    pub nav_collocates: &'static str,
    pub start_collocates: &'static str,
    pub collocate: &'static str,
    pub joint: &'static str,
    pub left: &'static str,
    pub right: &'static str,
    pub frequency: &'static str,
    pub collocates_of: &'static str,
    /// The statistics' references (HTML: constant markup with `<cite>`).
    pub collocate_note: &'static str,
    pub nav_spread: &'static str,
    pub start_spread: &'static str,
    pub first_use: &'static str,
    pub lag: &'static str,
    pub group_documents: &'static str,
    pub lag_from: &'static str,
    pub never_used: &'static str,
    pub nav_new: &'static str,
    pub nav_reuse: &'static str,
    pub start_new: &'static str,
    pub slice: &'static str,
    pub compared_with: &'static str,
    pub earlier_of_kind: &'static str,
    pub dated_before: &'static str,
    pub new_words: &'static str,
    pub new_sequences: &'static str,
    /// How new formulations are found (HTML: constant markup).
    pub new_note: &'static str,
    /// Range, Juilland's D, Gries' DP, DP normalised.
    pub dispersion: [&'static str; 4],
    /// How dispersion is measured (HTML: constant markup).
    pub dispersion_note: &'static str,
    pub make_lead: &'static str,
    /// How spread is counted (HTML: constant markup).
    pub spread_note: &'static str,
    pub start_keywords: &'static str,
    pub target: &'static str,
    pub reference: &'static str,
    pub rest_of_corpus: &'static str,
    pub positive: &'static str,
    pub negative: &'static str,
    pub word: &'static str,
    pub per_10k_words: &'static str,
    pub log_ratio: &'static str,
    pub simple_maths: &'static str,
    /// The statistics' references (HTML: constant markup with `<cite>`).
    pub keyword_note: &'static str,
    /// The link to the other language, and its name.
    pub other: &'static str,
    pub search_button: &'static str,
    pub placeholder: &'static str,
    /// The query hint (HTML: it holds `<code>` examples).
    pub hint: &'static str,
    pub by_relevance: &'static str,
    pub by_date: &'static str,
    pub start_search: &'static str,
    pub start_mentions: &'static str,
    pub start_trend: &'static str,
    pub speaker: &'static str,
    pub body: &'static str,
    pub doc_type: &'static str,
    pub folder: &'static str,
    pub corpus_folder: &'static str,
    pub per_year: &'static str,
    pub head: &'static str,
    pub metadata: &'static str,
    pub file: &'static str,
    pub document: &'static str,
    pub values_from: &'static str,
    pub counts_by: [&'static str; 4],
    /// The concordance's orders: document order, by the left context, by the right.
    pub lines_by: [&'static str; 3],
    pub by_year: &'static str,
    pub by_month: &'static str,
    pub concordance: &'static str,
    pub total: &'static str,
    pub occurrences: &'static str,
    pub passages: &'static str,
    pub documents: &'static str,
    pub period: &'static str,
    pub characters: &'static str,
    pub per_10k: &'static str,
    pub no_text: &'static str,
    pub no_speaker: &'static str,
    pub no_body: &'static str,
    pub undated: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub remove: &'static str,
    pub error: &'static str,
    pub back: &'static str,
    pub not_in_document: &'static str,
    pub first_hit: &'static str,
    pub keys: &'static str,
    pub download: &'static str,
    pub every_occurrence: &'static str,
    pub counts_csv: &'static str,
    pub counts_json: &'static str,
    pub chart: &'static str,
    pub link_to_passage: &'static str,
    pub previous_hit: &'static str,
    pub next_hit: &'static str,
    pub where_text_says: &'static str,
    pub show_all_periods: &'static str,
    pub hide_empty_periods: &'static str,
    pub whole_range: &'static str,
    pub from_first_mention: &'static str,
    pub cite: &'static str,
    pub cite_document: &'static str,
    pub cite_passage: &'static str,
    pub gbt: &'static str,
    pub plain: &'static str,
    pub cite_note: &'static str,
    pub results_csv: &'static str,
    pub made_with: &'static str,
    pub busy: &'static str,
    pub timeout: &'static str,
    pub separator: &'static str,
}

const ZH: Words = Words {
    html_lang: "zh-CN",
    nav_search: "检索",
    nav_mentions: "提及",
    nav_trend: "趋势",
    nav_docs: "文档",
    nav_keywords: "关键词",
    nav_collocates: "搭配",
    start_collocates: "一个词前后各 5 个词之内常与它同现的词。试试",
    collocate: "搭配词",
    joint: "共现",
    left: "左",
    right: "右",
    frequency: "词频",
    collocates_of: "前后各 5 词之内",
    collocate_note: "logDice（<cite>Rychlý</cite>）= 14 + log2(2J/(F1+F2))；MI、T 值与对数似然按 \
                     <cite>Evert</cite> 的表面共现列联表计算（同 <cite>CQPweb</cite>）。每个搭配词至少共现 2 次；\
                     点击搭配词可查看其在窗口内出现的索引行（两词的索引）。",
    nav_spread: "传播",
    start_spread: "一个提法在各发文机关、讲话人、省份之间的传播：各组首次使用的日期、相对先行者的滞后、次数与每万字频率。试试",
    first_use: "首次使用",
    lag: "滞后",
    group_documents: "组内文档",
    lag_from: "滞后自此组首次使用起算",
    never_used: "未使用",
    nav_new: "新提法",
    nav_reuse: "文本复用",
    start_new: "一组文档（如某年的政府工作报告）首次使用、此前同类文档从未用过的词和多词组合。试试",
    slice: "文档范围",
    compared_with: "比较对象",
    earlier_of_kind: "默认：同样条件、日期更早的文档",
    dated_before: "只比较日期早于",
    new_words: "新词",
    new_sequences: "新的多词组合（2–4 个词）",
    new_note: "词为索引所用的结巴分词；新词在比较对象中日期早于本组最早文档的文档里从未出现。\
               多词组合由相邻的旧词组成，首尾为两字以上的词，其文本在更早的文档中从未出现，\
               且只列最短者（去掉首词或尾词后的部分更早已用过）。每项至少出现 2 次，按次数 × 文档数排序。",
    dispersion: ["分布范围", "Juilland D", "Gries DP", "DP（归一）"],
    dispersion_note: "离散度以每篇文档（按年统计时以每年）为一部分，部分大小按字数计，含未出现该词的部分：\
                      分布范围为出现该词的部分数；<cite>Juilland</cite> D = 1 − V/√(n−1)（V 为各部分相对频率的变异系数，\
                      1 为均匀）；<cite>Gries</cite> DP = ½ Σ |出现比例 − 大小比例|（0 为均匀，接近 1 为集中于少数部分）。\
                      部分很多时 D 偏高，宜看 DP（<cite>Biber et al.</cite> 2016）。",
    make_lead: "以此组为参照计算滞后",
    spread_note: "次数为精确出现次数；每万字按该组全部文档的字数计；首次使用取该组含此词、日期最早的文档                  （只知年份的日期排在同年确切日期之后）。省份取清单所记，否则取发文机关或标题开头所含的省、市、自治州，                  中央机关记为“全国”。",
    start_keywords: "比较两组文档的用词：目标与参照各为一组筛选条件（不填参照则与语料其余部分比较）。试试",
    target: "目标",
    reference: "参照",
    rest_of_corpus: "语料其余部分",
    positive: "正关键词（目标中更多）",
    negative: "负关键词（参照中更多）",
    word: "词",
    per_10k_words: "每万词",
    log_ratio: "对数比",
    simple_maths: "简单数学",
    keyword_note: "对数似然 G²（<cite>Rayson &amp; Garside</cite> 两项式），p &lt; 0.0001 即 G² ≥ 15.13；\
                   对数比（<cite>Hardie</cite>，零频按 0.5 计）；%DIFF（<cite>Gabrielatos &amp; Marchi</cite>）；\
                   BIC（<cite>Wilson</cite>）；简单数学（<cite>Kilgarriff</cite>，N = 1）。\
                   每个关键词在其一侧至少出现 5 次、见于 2 篇文档。",
    other: "English",
    search_button: "检索",
    placeholder: "稳增长、惠企纾困、新质生产力……",
    hint: "多个词须同时出现（<code>稳增长 就业</code>）；<code>\"…\"</code> 为短语；\
           <code>A OR B</code> 任一；<code>-词</code> 排除；<code>doc_type:政府工作报告</code>、\
           <code>speaker:…</code>、<code>year:2020-2024</code> 为筛选。",
    by_relevance: "按相关度",
    by_date: "按日期",
    start_search: "输入政策提法、人名或标题。试试",
    start_mentions: "一个名称或短语的每一次出现，计数精确。试试",
    start_trend: "一个短语历年每万字出现次数。试试",
    speaker: "讲话人",
    body: "发文机关",
    doc_type: "文种",
    folder: "来源",
    corpus_folder: "（语料根目录）",
    per_year: "各年文档数",
    head: "题头",
    metadata: "元数据",
    file: "来源文件",
    document: "文档",
    values_from: "取值来源",
    counts_by: ["按年份计数", "按文档计数", "按讲话人计数", "按发文机关计数"],
    lines_by: ["索引行按文档顺序", "按左侧词排序", "按右侧词排序"],
    by_year: "按年",
    by_month: "按月",
    concordance: "索引行",
    total: "合计",
    occurrences: "出现次数",
    passages: "段落数",
    documents: "文档数",
    period: "时期",
    characters: "字数",
    per_10k: "每万字",
    no_text: "无文本",
    no_speaker: "（无讲话人）",
    no_body: "（无发文机关）",
    undated: "无日期",
    previous: "‹ 上一页",
    next: "下一页 ›",
    remove: "移除",
    error: "出错了",
    back: "返回检索",
    not_in_document: "查询内容未出现在本文档正文中。",
    first_hit: "第一处",
    keys: "（按 n / p 键：下一处、上一处）",
    download: "下载",
    every_occurrence: "（每一次出现）",
    counts_csv: "计数 CSV",
    counts_json: "计数 JSON",
    chart: "趋势图",
    link_to_passage: "本段链接",
    previous_hit: "上一处",
    next_hit: "下一处",
    where_text_says: "原文中的位置",
    show_all_periods: "显示全部时期（含无文本的时期）",
    hide_empty_periods: "只显示有文本的时期",
    whole_range: "显示全部年代",
    from_first_mention: "从首次出现前开始",
    cite: "引用",
    cite_document: "引用本文档",
    cite_passage: "引用本段",
    gbt: "GB/T 7714—2015 格式",
    plain: "纯文本",
    cite_note: "链接指向本机 gongwen 上的文档及段落；来源文件可核对原文。",
    results_csv: "结果 CSV",
    made_with: "检索条件",
    busy: "服务器正忙于其他耗时请求，请稍后再试",
    timeout: "请求耗时过长已被中止；请缩小范围（更长的短语、筛选条件、日期范围）",
    separator: "：",
};

const EN: Words = Words {
    html_lang: "en",
    nav_search: "Search",
    nav_mentions: "Mentions",
    nav_trend: "Trend",
    nav_docs: "Documents",
    nav_keywords: "Keywords",
    nav_collocates: "Collocates",
    start_collocates: "The words that go with a word within 5 words on either side. Try",
    collocate: "collocate",
    joint: "joint",
    left: "left",
    right: "right",
    frequency: "frequency",
    collocates_of: "within 5 words either side",
    collocate_note: "logDice (<cite>Rychlý</cite>) = 14 + log2(2J/(F1+F2)); MI, T-score and \
                     log-likelihood over <cite>Evert</cite>'s surface co-occurrence table (as \
                     <cite>CQPweb</cite>). Each collocate occurs at least twice in the windows; a \
                     collocate links to the concordance of the pair (the term's lines with it in the window).",
    nav_spread: "Spread",
    start_spread: "How a formulation spread between issuing bodies, speakers and provinces: each group's first use, its lag after the leader, its count and rate per 10,000 characters. Try",
    first_use: "first use",
    lag: "lag",
    group_documents: "documents in group",
    lag_from: "lags count from this group's first use",
    never_used: "never used",
    nav_new: "New",
    nav_reuse: "Reuse",
    start_new: "The words and word sequences a set of documents (a year's work reports) uses that no earlier document of its kind used. Try",
    slice: "documents",
    compared_with: "compared with",
    earlier_of_kind: "default: the same filters, earlier dates",
    dated_before: "compared documents dated before",
    new_words: "New words",
    new_sequences: "New sequences of 2–4 words",
    new_note: "Words are the index's jieba words; a new word occurs in no document of the comparison \
               set dated before the slice's earliest document. A sequence is of adjacent old words, \
               opening and closing with a word of two characters or more, whose text no earlier \
               document holds; only the shortest are listed (without its first or last word it was \
               used before). Each occurs at least twice; ranked by occurrences × documents.",
    dispersion: ["range", "Juilland's D", "Gries' DP", "DP normalised"],
    dispersion_note: "Dispersion over every document (by year: every year) the filters admit, each \
                      sized by its characters, those without the term included: range is the parts \
                      holding it; <cite>Juilland</cite>'s D = 1 − V/√(n−1), V the coefficient of \
                      variation of the parts' relative frequencies (1: even); <cite>Gries</cite>' DP = \
                      ½ Σ |share of occurrences − share of size| (0: even, near 1: in few parts). Over \
                      many parts D runs high: read DP (<cite>Biber et al.</cite> 2016).",
    make_lead: "measure lags from this group",
    spread_note: "Counts are exact occurrences; rates per 10,000 characters of all the group's documents; \
                  a group's first use is its earliest-dated document holding the term (a date known only to \
                  its year comes after exact dates of that year). The province is the manifest's, else the \
                  province, city or prefecture the body or the title opens with; central bodies count as 全国 \
                  (national).",
    start_keywords: "Compare the words of two sets of documents: the target and the reference, \
                     each a set of filters (no reference: the rest of the corpus). Try",
    target: "target",
    reference: "reference",
    rest_of_corpus: "the rest of the corpus",
    positive: "Positive keywords (more in the target)",
    negative: "Negative keywords (more in the reference)",
    word: "word",
    per_10k_words: "per 10k words",
    log_ratio: "log ratio",
    simple_maths: "simple maths",
    keyword_note: "Log-likelihood G² (<cite>Rayson &amp; Garside</cite>, two-term form), \
                   p &lt; 0.0001 being G² ≥ 15.13; Log Ratio (<cite>Hardie</cite>, a zero \
                   counted as 0.5); %DIFF (<cite>Gabrielatos &amp; Marchi</cite>); BIC \
                   (<cite>Wilson</cite>); simple maths (<cite>Kilgarriff</cite>, N = 1). Each \
                   keyword occurs at least 5 times in 2 documents of its side.",
    other: "中文",
    search_button: "Search",
    placeholder: "稳增长, 惠企纾困, 新质生产力 …",
    hint: "Words are all required (<code>稳增长 就业</code>); <code>\"…\"</code> a \
           phrase; <code>A OR B</code>; <code>-word</code> leaves out; \
           <code>doc_type:政府工作报告</code>, <code>speaker:…</code>, \
           <code>year:2020-2024</code> filter.",
    by_relevance: "by relevance",
    by_date: "by date",
    start_search: "Type a policy phrase, a name or a title. Try",
    start_mentions: "Every occurrence of a name or phrase, with exact counts: try",
    start_trend: "A phrase across the years, per 10,000 characters: try",
    speaker: "Speaker",
    body: "Issuing body",
    doc_type: "Kind",
    folder: "Folder",
    corpus_folder: "(the corpus folder)",
    per_year: "Documents per year",
    head: "head",
    metadata: "Metadata",
    file: "file",
    document: "document",
    values_from: "values from",
    counts_by: [
        "counts by year",
        "counts by document",
        "counts by speaker",
        "counts by body",
    ],
    lines_by: [
        "lines in document order",
        "sorted by left words",
        "sorted by right words",
    ],
    by_year: "by year",
    by_month: "by month",
    concordance: "Concordance",
    total: "total",
    occurrences: "occurrences",
    passages: "passages",
    documents: "documents",
    period: "period",
    characters: "characters",
    per_10k: "per 10k",
    no_text: "no text",
    no_speaker: "(no speaker)",
    no_body: "(no body)",
    undated: "undated",
    previous: "‹ previous",
    next: "next ›",
    remove: "remove",
    error: "Error",
    back: "Back to search",
    not_in_document: "The query does not occur in this document's text.",
    first_hit: "first",
    keys: " (keys n / p: next, previous)",
    download: "Download",
    every_occurrence: " (every occurrence)",
    counts_csv: "counts CSV",
    counts_json: "counts JSON",
    chart: "trend chart",
    link_to_passage: "link to this passage",
    previous_hit: "previous hit",
    next_hit: "next hit",
    where_text_says: "where the text says it",
    show_all_periods: "show every period (those without text too)",
    hide_empty_periods: "only periods with text",
    whole_range: "show the whole range",
    from_first_mention: "start shortly before the first mention",
    cite: "cite",
    cite_document: "Cite this document",
    cite_passage: "Cite this passage",
    gbt: "GB/T 7714—2015",
    plain: "Plain text",
    cite_note: "The link leads to the document and passage on this gongwen; the source file \
                lets a reader check the original.",
    results_csv: "results CSV",
    made_with: "Made with",
    busy: "the server is busy with other long requests; try again",
    timeout: "the request took too long and was stopped; narrow it (a longer phrase, \
              filters, a date range)",
    separator: ": ",
};

impl Lang {
    /// The language a `lang` parameter asks for: English for `en`, Chinese otherwise.
    pub fn of(value: Option<&str>) -> Lang {
        match value {
            Some(v) if v.eq_ignore_ascii_case("en") => Lang::En,
            _ => Lang::Zh,
        }
    }

    pub fn words(self) -> &'static Words {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    /// The `lang` parameter's value that keeps this language in links (none for the
    /// default).
    pub fn param(self) -> Option<&'static str> {
        match self {
            Lang::Zh => None,
            Lang::En => Some("en"),
        }
    }

    /// A number as its readers write it: digits grouped by thousands.
    pub fn number(self, n: usize) -> String {
        crate::output::group(n)
    }

    /// `共 38 篇文档，126 段命中` / `38 documents, 126 passages match`.
    pub fn totals(self, documents: usize, passages: usize) -> String {
        let (d, p) = (self.number(documents), self.number(passages));
        match self {
            Lang::Zh => format!("共 {d} 篇文档，{p} 段命中"),
            Lang::En => format!(
                "{}, {} match",
                crate::output::count(documents, "document", "documents"),
                crate::output::count(passages, "passage", "passages")
            ),
        }
    }

    /// Under a hit: how many of its passages match and how often the query occurs.
    pub fn hit_counts(self, matching: usize, occurrences: usize) -> String {
        match self {
            Lang::Zh => format!(
                "{} 段命中，出现 {} 次",
                self.number(matching),
                self.number(occurrences)
            ),
            Lang::En => format!(
                "{} matching, {}",
                crate::output::count(matching, "passage", "passages"),
                crate::output::count(occurrences, "occurrence", "occurrences")
            ),
        }
    }

    /// `共 1,234 次出现` / `1,234 occurrences`.
    pub fn occurrences(self, n: usize) -> String {
        match self {
            Lang::Zh => format!("共 {} 次出现", self.number(n)),
            Lang::En => crate::output::count(n, "occurrence", "occurrences"),
        }
    }

    /// `共 8 篇文档` / `8 documents`.
    pub fn documents(self, n: usize) -> String {
        match self {
            Lang::Zh => format!("共 {} 篇文档", self.number(n)),
            Lang::En => crate::output::count(n, "document", "documents"),
        }
    }

    /// How many hits of the query a document holds.
    pub fn hits_in_document(self, n: usize) -> String {
        match self {
            Lang::Zh => format!("本文档中查询内容出现 {} 处", self.number(n)),
            Lang::En => format!("{} of the query", crate::output::count(n, "hit", "hits")),
        }
    }

    /// Why a computation was refused for memory (`allowed` bytes), in this language.
    pub fn over_budget(self, overrun: &crate::Overrun, allowed: u64) -> String {
        use crate::Overrun::{Aligning, Texts};
        use crate::error::bytes_text;
        let allowed_text = bytes_text(allowed);
        match (self, overrun) {
            (Lang::En, _) => {
                format!("{overrun}, more than the {allowed_text} allowed: narrow the sets")
            }
            (
                Lang::Zh,
                Texts {
                    documents,
                    characters,
                    needed,
                },
            ) => format!(
                "比较 {} 篇文档（约 {} 万字）约需 {} 内存，超过本服务器允许的 {allowed_text}；\
                 请缩小文档范围（如加上 year:、doc_type: 或第二组）",
                self.number(*documents),
                self.number(characters.div_ceil(10_000) as usize),
                bytes_text(*needed)
            ),
            (
                Lang::Zh,
                Aligning {
                    aligned,
                    candidates,
                    passages,
                    needed,
                },
            ) => format!(
                "已比对 {} 对候选文档中的 {} 对，找到 {} 段共有文字，连同文本约占 {} 内存，\
                 超过本服务器允许的 {allowed_text}，已停止（近似副本两两共有段落，随副本数的\
                 平方增长）；请缩小文档范围",
                self.number(*candidates),
                self.number(*aligned),
                self.number(*passages),
                bytes_text(*needed)
            ),
        }
    }

    /// `第 2 页，共 5 页` / `page 2 of 5`.
    pub fn page_of(self, now: usize, last: usize) -> String {
        match self {
            Lang::Zh => format!("第 {now} 页，共 {last} 页"),
            Lang::En => format!("page {now} of {last}"),
        }
    }

    /// Documents without a date, under the histogram.
    pub fn undated_documents(self, n: usize) -> String {
        match self {
            Lang::Zh => format!("{} 篇无日期", self.number(n)),
            Lang::En => format!("{} undated", self.number(n)),
        }
    }

    /// A passage's label: `第 12 段` / `¶12`.
    pub fn passage(self, n: u64) -> String {
        match self {
            Lang::Zh => format!("第{n}段"),
            Lang::En => format!("¶{n}"),
        }
    }

    /// A lag after the reference group: days when both dates are known to the day, else
    /// years.
    pub fn lag(self, days: Option<i64>, years: Option<i64>) -> String {
        match (self, days, years) {
            (Lang::Zh, Some(d), _) => format!("{d:+} 天"),
            (Lang::Zh, None, Some(y)) => format!("{y:+} 年"),
            (Lang::En, Some(d), _) => format!("{d:+} days"),
            (Lang::En, None, Some(y)) => format!("{y:+} years"),
            _ => String::new(),
        }
    }

    /// A date as its readers write it: `2024年3月5日` / `2024-03-05`.
    pub fn date(self, date: DocDate) -> String {
        match self {
            Lang::Zh => date.chinese(),
            Lang::En => date.to_string(),
        }
    }

    /// A metadata field's label; a field with none (from a manifest) as it is named.
    pub fn field(self, name: &str) -> String {
        let zh = match name {
            "title" => "标题",
            "subtitle" => "副标题",
            "speaker" => "讲话人",
            "body" => "发文机关",
            "date" => "日期",
            "enacted" => "施行日期",
            "publish_date" => "公布日期",
            "series" => "丛书",
            "issue" => "期号",
            "collection" => "文集",
            "doc_type" => "文种",
            "folder" => "来源",
            "from" => "起",
            "to" => "止",
            "level" => "层级",
            "province" => "省份",
            "year" => "年份",
            "file" => "来源文件",
            _ => return name.to_string(),
        };
        match self {
            Lang::Zh => zh.to_string(),
            Lang::En => name.replace('_', " "),
        }
    }

    /// Where a metadata value came from (`header`, `manifest`, …).
    pub fn source(self, source: &str) -> String {
        let zh = match source {
            "header" => "题头",
            "manifest" => "清单",
            "filename" => "文件名",
            "dateline" => "电头",
            "signature" => "落款",
            "text" => "正文",
            _ => return source.to_string(),
        };
        match self {
            Lang::Zh => zh.to_string(),
            Lang::En => source.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_the_default_and_english_is_asked_for() {
        assert_eq!(Lang::of(None), Lang::Zh);
        assert_eq!(Lang::of(Some("xx")), Lang::Zh);
        assert_eq!(Lang::of(Some("EN")), Lang::En);
        assert_eq!(Lang::Zh.totals(38, 1126), "共 38 篇文档，1,126 段命中");
        assert_eq!(Lang::En.totals(1, 2), "1 document, 2 passages match");
        let date = DocDate::new(2024, Some(3), Some(5)).unwrap();
        assert_eq!(Lang::Zh.date(date), "2024年3月5日");
        assert_eq!(Lang::En.date(date), "2024-03-05");
        assert_eq!(Lang::Zh.field("publish_date"), "公布日期");
        assert_eq!(Lang::Zh.field("source_repo"), "source_repo");
    }
}
