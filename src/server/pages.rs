//! What every page shares: the query form, filter chips, example links, the metadata
//! line, file paths, page links and cite links. The pages themselves are in `searching`,
//! `reading`, `counting` and `citing`. Each page has a stable URL: its parameters are the
//! whole view.

use maud::{Markup, PreEscaped, html};

use super::i18n::Lang;
use super::params::{FILTER_KEYS, Params};

/// The query form of a page: the box, the filters and the language kept as hidden fields,
/// `extra` controls (a sort or grouping choice), the hint.
pub(crate) fn form(action: &str, params: &Params, extra: Markup) -> Markup {
    let w = params.lang().words();
    let q = params.value("q").unwrap_or("");
    let kept = FILTER_KEYS
        .iter()
        .chain(&["lang", "range", "rows"])
        .filter_map(|key| params.value(key).map(|v| (*key, v)));
    html! {
        form class="query" action=(action) method="get" {
            // Focus the box only on an empty page: elsewhere the keys move through the hits.
            input type="search" name="q" value=(q) placeholder=(w.placeholder)
                aria-label=(w.search_button) autofocus[q.is_empty()];
            @for (key, value) in kept {
                input type="hidden" name=(key) value=(value);
            }
            (extra)
            button type="submit" { (w.search_button) }
        }
        // The hint is this crate's constant markup (it holds <code> examples).
        p class="hint" { (PreEscaped(w.hint)) }
    }
}

/// A `<select>` of `choices` (value, label), the one `selected` marked.
pub(crate) fn select(name: &str, label: &str, choices: &[(&str, &str)], selected: &str) -> Markup {
    html! {
        select name=(name) aria-label=(label) {
            @for (value, text) in choices {
                option value=(value) selected[*value == selected] { (text) }
            }
        }
    }
}

/// The active filters, each with a link that removes it.
pub(crate) fn chips(params: &Params, path: &str) -> Markup {
    let lang = params.lang();
    let w = lang.words();
    let active: Vec<(&str, &str)> = FILTER_KEYS
        .iter()
        .filter_map(|key| params.value(key).map(|v| (*key, v)))
        .collect();
    html! {
        @if !active.is_empty() {
            div class="chips" {
                @for (key, value) in &active {
                    span class="chip" {
                        (lang.field(key)) (w.separator) (value)
                        a href={ (path) (params.with(key, None)) } title=(w.remove) aria-label=(w.remove) { "×" }
                    }
                }
            }
        }
    }
}

/// Links that run each example query, in the page's language.
pub(crate) fn examples(params: &Params, path: &str, queries: &[&str]) -> Markup {
    let keep = Params {
        lang: params.lang().param().map(str::to_string),
        ..Params::default()
    };
    let between = if params.lang() == Lang::Zh {
        "、"
    } else {
        ", "
    };
    html! {
        @for (i, q) in queries.iter().enumerate() {
            @if i > 0 { (between) }
            a href={ (path) (keep.with("q", Some(q))) } { (q) }
        }
    }
}

/// Speaker · body · date · kind · file of a document; the date as the page's readers
/// write it.
pub(crate) fn meta_line(d: &crate::catalog::DocumentRecord, lang: Lang) -> Markup {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(d.meta.speaker.iter().cloned());
    parts.extend(d.meta.body.iter().cloned());
    parts.extend(d.meta.date.map(|x| lang.date(x)));
    parts.extend(d.meta.doc_type.iter().cloned());
    html! {
        @for part in &parts { (part) " · " }
        (path_html(&d.path))
    }
}

/// A file path that a narrow column breaks after a `/` or a `_` (`<wbr>`), not at any
/// character (a name too long for the column still breaks, last).
pub(crate) fn path_html(path: &str) -> Markup {
    let pieces = path.split_inclusive(['/', '_']);
    html! {
        span class="path" {
            @for piece in pieces {
                (piece)
                @if piece.ends_with(['/', '_']) { wbr; }
            }
        }
    }
}

/// Links to the other pages of a list of `total` items.
pub(crate) fn pages(params: &Params, path: &str, total: usize, per_page: usize) -> Markup {
    let last = total.div_ceil(per_page).max(1);
    let now = params.page().min(last);
    let lang = params.lang();
    let link = |n: usize| format!("{path}{}", params.with("page", Some(&n.to_string())));
    html! {
        @if last > 1 {
            p class="pages" {
                @if now > 1 { a href=(link(now - 1)) { (lang.words().previous) } }
                span { (lang.page_of(now, last)) }
                @if now < last { a href=(link(now + 1)) { (lang.words().next) } }
            }
        }
    }
}

/// The cite page of a document or one of its passages, in the page's language.
pub(crate) fn cite_link(id: u64, passage: Option<u64>, params: &Params) -> String {
    let mut pairs = form_urlencoded::Serializer::new(String::new());
    if let Some(p) = passage {
        pairs.append_pair("p", &p.to_string());
    }
    if let Some(l) = params.lang().param() {
        pairs.append_pair("lang", l);
    }
    let query = pairs.finish();
    if query.is_empty() {
        format!("/cite/{id}")
    } else {
        format!("/cite/{id}?{query}")
    }
}

/// The form of a page comparing two sets of documents, each a box of filters: `q` (its
/// label, placeholder) and `vs` (its label, placeholder), then the note on the method.
pub(crate) fn two_sets_form(
    action: &str,
    params: &Params,
    (first, first_example): (&str, &str),
    (second, second_example): (&str, &str),
    note: &'static str,
) -> Markup {
    let w = params.lang().words();
    html! {
        form class="query" action=(action) method="get" {
            label class="side" for="first-set" { (first) }
            input id="first-set" type="search" name="q" value=(params.value("q").unwrap_or(""))
                placeholder=(first_example) autofocus[params.value("q").is_none()];
            label class="side" for="second-set" { (second) }
            input id="second-set" type="search" name="vs" value=(params.value("vs").unwrap_or(""))
                placeholder=(second_example);
            @if let Some(l) = params.lang().param() { input type="hidden" name="lang" value=(l); }
            button type="submit" { (w.search_button) }
        }
        p class="hint" { (maud::PreEscaped(note)) }
    }
}
