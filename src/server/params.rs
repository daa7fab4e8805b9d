//! A request's parameters: the query and filters of a page or an API call, read once and
//! checked against the limits, and the links that change one of them.

use serde::Deserialize;

use super::Failure;
use super::i18n::Lang;
use crate::config::ServeLimits;
use crate::document::DocDate;
use crate::search::query::{self, where_filter};
use crate::search::{Filters, Query, Sort};

/// The parameters every page and API call understands (unknown ones are ignored).
/// The highest page number a request may ask for: a million pages of 100 lie past any
/// corpus, and their offsets fit in any integer.
pub const MAX_PAGE: usize = 1_000_000;

#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct Params {
    pub q: Option<String>,
    pub speaker: Option<String>,
    pub body: Option<String>,
    pub doc_type: Option<String>,
    pub folder: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub sort: Option<String>,
    pub page: Option<usize>,
    pub by: Option<String>,
    pub format: Option<String>,
    /// `en` for the English pages; Chinese otherwise.
    pub lang: Option<String>,
    /// `all`: the trend chart over every period, not from shortly before the first
    /// mention.
    pub range: Option<String>,
    /// `all`: the trend table with the periods without text too.
    pub rows: Option<String>,
    /// The reference of a keywords page: filters in query words (`year:2014`).
    pub vs: Option<String>,
    /// The group a spread page measures lags from (`lead=国务院`).
    pub lead: Option<String>,
    /// The word a mentions page keeps the lines near (the concordance of a collocate).
    pub near: Option<String>,
    /// Words on each side of a collocates page's occurrences.
    pub window: Option<usize>,
    /// The two documents (ids) a reuse pair page sets side by side.
    pub a: Option<u64>,
    pub b: Option<u64>,
    /// The passage a cite page cites (`p=12`).
    #[serde(rename = "p")]
    pub passage: Option<u64>,
}

/// The filter parameters, in the order chips show them.
pub(crate) const FILTER_KEYS: [&str; 6] = ["speaker", "body", "doc_type", "folder", "from", "to"];

impl Params {
    /// The text of the query box, trimmed; checked against the length limit.
    pub fn text(&self, limits: &ServeLimits) -> Result<String, Failure> {
        let text = self.q.as_deref().unwrap_or("").trim().to_string();
        if text.chars().count() > limits.query_chars {
            return Err(Failure::Bad(format!(
                "the query is longer than {} characters",
                limits.query_chars
            )));
        }
        Ok(text)
    }

    /// The query parsed, filters written in it included.
    pub fn query(&self, limits: &ServeLimits) -> Result<Query, Failure> {
        let text = self.text(limits)?;
        query::parse(&text).map_err(Failure::from)
    }

    /// The literals to highlight: those of the query, none without one.
    pub fn literals(&self, limits: &ServeLimits) -> Result<Vec<String>, Failure> {
        if self.text(limits)?.is_empty() {
            return Ok(Vec::new());
        }
        let query = self.query(limits)?;
        Ok(query.positive_literals().map(str::to_string).collect())
    }

    /// The terms of a counting page (`mentions`, `trend`) and the filters written among
    /// them.
    pub fn terms(&self, limits: &ServeLimits) -> Result<(Vec<String>, Filters), Failure> {
        let text = self.text(limits)?;
        let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
        if words.len() > 12 {
            return Err(Failure::Bad("at most 12 terms at once".into()));
        }
        query::terms_and_filters(&words).map_err(Failure::from)
    }

    /// The two sides of a keywords page: the target (the query box and the filter
    /// parameters) and the reference (`vs`; `None`: the rest of the corpus); each holds
    /// filters only.
    pub fn keyword_sides(
        &self,
        limits: &ServeLimits,
    ) -> Result<(Filters, Option<Filters>), Failure> {
        let only_filters = |text: &str, side: &str| -> Result<Filters, Failure> {
            if text.chars().count() > limits.query_chars {
                return Err(Failure::Bad(format!(
                    "the {side} is longer than {} characters",
                    limits.query_chars
                )));
            }
            let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
            let (terms, filters) = query::terms_and_filters(&words).map_err(Failure::from)?;
            match terms.first() {
                Some(term) => Err(Failure::Bad(format!(
                    "{term}: the {side} of keywords is a set of filters (FIELD:VALUE), not text"
                ))),
                None => Ok(filters),
            }
        };
        let target = only_filters(self.value("q").unwrap_or(""), "target")?.and(&self.filters()?);
        let reference = self
            .value("vs")
            .map(|vs| only_filters(vs, "reference"))
            .transpose()?;
        Ok((target, reference))
    }

    /// The filters given as parameters (speaker, body, kind of document, folder, dates).
    pub fn filters(&self) -> Result<Filters, Failure> {
        let mut filters = Filters {
            speaker: self.value("speaker").map(str::to_string),
            body: self.value("body").map(str::to_string),
            ..Filters::default()
        };
        let date = |key: &str| -> Result<Option<DocDate>, Failure> {
            self.value(key)
                .map(|v| {
                    DocDate::parse(v).ok_or_else(|| {
                        Failure::Bad(format!("{key}={v}: expected YYYY, YYYY-MM or YYYY-MM-DD"))
                    })
                })
                .transpose()
        };
        filters.from = date("from")?;
        filters.to = date("to")?;
        if let Some(kind) = self.value("doc_type") {
            filters = filters.and(&where_filter(&format!("doc_type={kind}"))?);
        }
        if let Some(folder) = self.value("folder") {
            // The folder's files: their paths start with it (a path contains it).
            filters = filters.and(&where_filter(&format!("path={folder}/"))?);
        }
        Ok(filters)
    }

    pub fn sort(&self) -> Sort {
        match self.sort.as_deref() {
            Some("date") => Sort::Date,
            _ => Sort::Relevance,
        }
    }

    /// The page asked for, from 1, at most [`MAX_PAGE`]: a page past the last is empty,
    /// and no page number makes an offset wrap around (`page=922337203685477582` gave
    /// ranks 5–24).
    pub fn page(&self) -> usize {
        self.page.unwrap_or(1).clamp(1, MAX_PAGE)
    }

    /// A parameter's value, when given and not blank.
    pub fn value(&self, key: &str) -> Option<&str> {
        let v = match key {
            "q" => &self.q,
            "speaker" => &self.speaker,
            "body" => &self.body,
            "doc_type" => &self.doc_type,
            "folder" => &self.folder,
            "from" => &self.from,
            "to" => &self.to,
            "sort" => &self.sort,
            "by" => &self.by,
            "format" => &self.format,
            "lang" => &self.lang,
            "range" => &self.range,
            "rows" => &self.rows,
            "vs" => &self.vs,
            "lead" => &self.lead,
            "near" => &self.near,
            _ => &None,
        };
        v.as_deref().map(str::trim).filter(|v| !v.is_empty())
    }

    /// These parameters with `key` set to `value` (or removed), as a query string; the
    /// page goes back to the first unless it is what changes.
    pub fn with(&self, key: &str, value: Option<&str>) -> String {
        let mut pairs: Vec<(String, String)> = Vec::new();
        for k in [
            "q", "vs", "speaker", "body", "doc_type", "folder", "from", "to", "sort", "by",
            "range", "rows", "lead", "near", "lang",
        ] {
            let v = if k == key { value } else { self.value(k) };
            if let Some(v) = v {
                pairs.push((k.to_string(), v.to_string()));
            }
        }
        if let Some(window) = self.window {
            pairs.push(("window".into(), window.to_string()));
        }
        if key == "page"
            && let Some(v) = value
        {
            pairs.push(("page".into(), v.to_string()));
        }
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &pairs {
            out.append_pair(k, v);
        }
        let query = out.finish();
        if query.is_empty() {
            String::new()
        } else {
            format!("?{query}")
        }
    }

    /// The query and its filters as one line of the query language (`新质生产力
    /// doc_type:政府工作报告 from:2020`): what a chart, a table or a download was made
    /// with, and what the search box takes back.
    pub fn made_with(&self) -> String {
        let mut parts: Vec<String> = self.value("q").map(str::to_string).into_iter().collect();
        for key in FILTER_KEYS {
            if let Some(v) = self.value(key) {
                parts.push(format!("{key}:{v}"));
            }
        }
        if let Some(vs) = self.value("vs") {
            parts.push(format!("vs {vs}"));
        }
        if let Some(near) = self.value("near") {
            parts.push(format!("near:{near}±{}", self.window.unwrap_or(5)));
        }
        parts.join(" ")
    }

    /// The language the page speaks.
    pub fn lang(&self) -> Lang {
        Lang::of(self.value("lang"))
    }

    /// `?lang=en` (or nothing): what a link that drops every other parameter keeps.
    pub fn lang_only(&self) -> String {
        match self.lang().param() {
            Some(l) => format!("?lang={l}"),
            None => String::new(),
        }
    }

    /// The query, its filters and the language as a query string: what the navigation
    /// carries from one page of a term to another (not the grouping or the page, whose
    /// meanings differ between pages).
    pub fn query_only(&self) -> String {
        let carried = Params {
            q: self.q.clone(),
            speaker: self.speaker.clone(),
            body: self.body.clone(),
            doc_type: self.doc_type.clone(),
            folder: self.folder.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            lang: self.lang.clone(),
            ..Params::default()
        };
        carried.with("page", None)
    }

    /// The link to this page in the other language.
    pub fn switch(&self, path: &str) -> String {
        let other = match self.lang() {
            Lang::Zh => Some("en"),
            Lang::En => None,
        };
        format!("{path}{}", self.with("lang", other))
    }

    /// These parameters with both ends of the date range set.
    pub fn with_years(&self, from: &str, to: &str) -> String {
        let once = Params {
            from: Some(from.to_string()),
            ..self.clone()
        };
        once.with("to", Some(to))
    }
}
