//! The search page (results, facets, a year histogram, filter chips, pages) and what
//! every page shares: the query form, chips, metadata line, page links. The reading and
//! counting pages are in `reading` and `counting`. Each page has a stable URL: its
//! parameters are the whole view.

use std::fmt::Write as _;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::{Html, Response};

use super::html::{Frame, answer, esc, highlighted, page};
use super::i18n::Lang;
use super::params::{FILTER_KEYS, Params};
use super::{App, Failure};
use crate::document::HEADER_PASSAGE;
use crate::search::aliases::Aliases;
use crate::search::facets::{FacetValue, Facets, facets};
use crate::search::{self, DocumentHit, SearchResults};

/// Documents on a page of search results.
const RESULTS_PER_PAGE: usize = 20;

/// The query form of a page: the box, the filters and the language kept as hidden fields,
/// `extra` controls (a sort or grouping choice), the hint.
pub(crate) fn form(action: &str, params: &Params, extra: &str) -> String {
    let w = params.lang().words();
    let q = esc(params.value("q").unwrap_or(""));
    let mut hidden = String::new();
    for key in FILTER_KEYS.iter().chain(&["lang", "range", "rows"]) {
        if let Some(v) = params.value(key) {
            let _ = write!(
                hidden,
                "<input type=\"hidden\" name=\"{key}\" value=\"{}\">",
                esc(v)
            );
        }
    }
    // Focus the box only on an empty page: elsewhere the keys move through the hits.
    let focus = if q.is_empty() { " autofocus" } else { "" };
    format!(
        "<form class=\"query\" action=\"{action}\" method=\"get\"><input type=\"search\" \
         name=\"q\" value=\"{q}\" placeholder=\"{}\" aria-label=\"{}\"{focus}>\
         {hidden}{extra}<button type=\"submit\">{}</button></form>\
         <p class=\"hint\">{}</p>",
        w.placeholder, w.search_button, w.search_button, w.hint
    )
}

/// The active filters, each with a link that removes it.
pub(crate) fn chips(params: &Params, path: &str) -> String {
    let lang = params.lang();
    let mut out = String::new();
    for key in FILTER_KEYS {
        if let Some(v) = params.value(key) {
            let _ = write!(
                out,
                "<span class=\"chip\">{}{}{}<a href=\"{path}{}\" title=\"{}\" aria-label=\"{}\">×</a></span>",
                esc(&lang.field(key)),
                lang.words().separator,
                esc(v),
                esc(&params.with(key, None)),
                lang.words().remove,
                lang.words().remove
            );
        }
    }
    if out.is_empty() {
        out
    } else {
        format!("<div class=\"chips\">{out}</div>")
    }
}

/// `/`: the search page.
pub(crate) async fn search(State(app): State<Arc<App>>, Query(params): Query<Params>) -> Response {
    let frame = Frame::new("/", &params);
    answer(search_page(&app, &params).await, &frame, || {
        search_form(&params)
    })
}

fn search_form(params: &Params) -> String {
    let w = params.lang().words();
    let sorts = [("relevance", w.by_relevance), ("date", w.by_date)]
        .iter()
        .map(|(s, label)| {
            let selected = if params.value("sort") == Some(s) {
                " selected"
            } else {
                ""
            };
            format!("<option value=\"{s}\"{selected}>{label}</option>")
        })
        .collect::<String>();
    form(
        "/",
        params,
        &format!(
            "<select name=\"sort\" aria-label=\"{}\">{sorts}</select>",
            w.by_relevance
        ),
    )
}

/// Links that run each example query, in the page's language.
pub(crate) fn examples(params: &Params, path: &str, queries: &[&str]) -> String {
    queries
        .iter()
        .map(|q| {
            format!(
                "<a href=\"{path}{}\">{}</a>",
                esc(&Params {
                    lang: params.lang().param().map(str::to_string),
                    ..Params::default()
                }
                .with("q", Some(q))),
                esc(q)
            )
        })
        .collect::<Vec<_>>()
        .join(if params.lang() == Lang::Zh {
            "、"
        } else {
            ", "
        })
}

async fn search_page(app: &Arc<App>, params: &Params) -> Result<Html<String>, Failure> {
    let frame = Frame::new("/", params);
    let w = frame.words();
    let sort = params.sort();
    let head = search_form(params);
    let text = params.text(&app.limits)?;
    if text.is_empty() {
        let content = format!(
            "<main><div class=\"content\">{head}{}<p>{} {}。</p></div></main>",
            chips(params, "/"),
            w.start_search,
            examples(params, "/", &["稳增长", "惠企纾困", "新质生产力"])
        );
        return Ok(page(&frame, w.nav_search, "search", &content));
    }
    let mut query = params.query(&app.limits)?;
    let filters = params.filters()?;
    let first = (params.page() - 1) * RESULTS_PER_PAGE;
    let weigh = query.clone();
    let (results, facets) = app
        .run(super::broad(weigh), move |handle| {
            filters.and(&query.filters).check_fields(handle)?;
            Aliases::of_corpus(handle)?.expand(&mut query);
            let results = search::search_page(
                handle,
                &query,
                &filters,
                sort,
                first..first + RESULTS_PER_PAGE,
            )?;
            let facets = facets(handle, &results.matched)?;
            Ok((results, facets))
        })
        .await?;
    let content = format!(
        "<main><div class=\"content\">{head}{}{}{}{}</div><aside>{}</aside></main>",
        chips(params, "/"),
        totals(&results, params),
        hits(&results.hits, params),
        pages(params, "/", results.documents, RESULTS_PER_PAGE),
        facet_lists(&facets, params)
    );
    Ok(page(&frame, &text, "search", &content))
}

/// The counts, and the result list's download.
fn totals(results: &SearchResults, params: &Params) -> String {
    let lang = params.lang();
    format!(
        "<p class=\"totals\">{} · <a href=\"/api/search{}\">{}</a></p>",
        lang.totals(results.documents, results.passages),
        esc(&format!("{}&format=csv", params.with("page", None))),
        lang.words().results_csv
    )
}

/// The title, metadata line and best passages of each document found, each with its
/// cite link.
fn hits(hits: &[DocumentHit], params: &Params) -> String {
    let lang = params.lang();
    let w = lang.words();
    let q = params.with("page", None);
    let mut out = String::new();
    for hit in hits {
        let d = &hit.document;
        let title = d.meta.title.clone().unwrap_or_else(|| d.path.clone());
        let _ = write!(
            out,
            "<div class=\"hit\"><h2><a href=\"/doc/{}{}\">{}</a></h2><div class=\"meta\">{} · {} · \
             <a class=\"cite\" href=\"{}\">{}</a></div>",
            d.id,
            esc(&q),
            highlighted(&title, &hit.title_highlights, None),
            meta_line(d, lang),
            lang.hit_counts(hit.matching_passages, hit.occurrences),
            esc(&cite_link(d.id, None, params)),
            w.cite
        );
        for p in &hit.passages {
            let (anchor, label, passage) = if p.passage == HEADER_PASSAGE {
                (String::new(), w.head.to_string(), None)
            } else {
                (
                    format!("#p{}", p.passage),
                    lang.passage(p.passage),
                    Some(p.passage),
                )
            };
            let _ = write!(
                out,
                "<p class=\"passage\"><a class=\"source\" href=\"/doc/{}{}{anchor}\">{label}</a> {} \
                 <a class=\"cite\" href=\"{}\">{}</a></p>",
                d.id,
                esc(&q),
                cropped(&p.text, &p.highlights),
                esc(&cite_link(d.id, passage, params)),
                w.cite
            );
        }
        out.push_str("</div>");
    }
    out
}

/// The cite page of a document or one of its passages, in the page's language.
pub(crate) fn cite_link(id: u64, passage: Option<u64>, params: &Params) -> String {
    let mut link = format!("/cite/{id}");
    let mut pairs = form_urlencoded::Serializer::new(String::new());
    if let Some(p) = passage {
        pairs.append_pair("p", &p.to_string());
    }
    if let Some(l) = params.lang().param() {
        pairs.append_pair("lang", l);
    }
    let query = pairs.finish();
    if !query.is_empty() {
        link.push('?');
        link.push_str(&query);
    }
    link
}

/// Characters of a passage shown under a hit (a passage is a whole paragraph, up to
/// 2,000 characters): the window around its matches, as on the terminal.
const SHOWN_CHARS: usize = 240;

/// A passage cropped around its matches, marked, with `…` where text was left out.
fn cropped(text: &str, highlights: &[(usize, usize)]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let (start, end) = crate::output::crop_window(chars.len(), highlights, SHOWN_CHARS);
    let inside: Vec<(usize, usize)> = highlights
        .iter()
        .filter(|&&(s, e)| s >= start && e <= end)
        .map(|&(s, e)| (s - start, e - start))
        .collect();
    let shown: String = chars[start..end].iter().collect();
    format!(
        "{}{}{}",
        if start > 0 { "…" } else { "" },
        highlighted(&shown, &inside, None),
        if end < chars.len() { "…" } else { "" }
    )
}

/// Speaker · body · date · kind · file of a document, escaped; the date as the page's
/// readers write it.
pub(crate) fn meta_line(d: &crate::catalog::DocumentRecord, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(d.meta.speaker.iter().map(|s| esc(s)));
    parts.extend(d.meta.body.iter().map(|s| esc(s)));
    parts.extend(d.meta.date.map(|x| lang.date(x)));
    parts.extend(d.meta.doc_type.iter().map(|s| esc(s)));
    parts.push(path_html(&d.path));
    parts.join(" · ")
}

/// A file path, escaped, that a narrow column breaks after a `/` or a `_` (`<wbr>`),
/// not at any character (a name too long for the column still breaks, last).
pub(crate) fn path_html(path: &str) -> String {
    let mut out = String::from("<span class=\"path\">");
    for c in path.chars() {
        out.push_str(&esc(c.encode_utf8(&mut [0; 4])));
        if c == '/' || c == '_' {
            out.push_str("<wbr>");
        }
    }
    out.push_str("</span>");
    out
}

/// Links to the other pages of a list of `total` items.
pub(crate) fn pages(params: &Params, path: &str, total: usize, per_page: usize) -> String {
    let last = total.div_ceil(per_page).max(1);
    let now = params.page().min(last);
    if last == 1 {
        return String::new();
    }
    let link = |n: usize, label: &str| {
        format!(
            "<a href=\"{path}{}\">{label}</a>",
            esc(&params.with("page", Some(&n.to_string())))
        )
    };
    let lang = params.lang();
    let mut out = String::from("<p class=\"pages\">");
    if now > 1 {
        out.push_str(&link(now - 1, lang.words().previous));
    }
    let _ = write!(out, "<span>{}</span>", lang.page_of(now, last));
    if now < last {
        out.push_str(&link(now + 1, lang.words().next));
    }
    out.push_str("</p>");
    out
}

/// The facets as lists of links that add a filter, and the year histogram whose bars
/// set the date range.
fn facet_lists(facets: &Facets, params: &Params) -> String {
    let w = params.lang().words();
    let mut out = histogram(facets, params);
    for (key, title, values) in [
        ("speaker", w.speaker, &facets.speaker),
        ("body", w.body, &facets.body),
        ("doc_type", w.doc_type, &facets.doc_type),
        ("folder", w.folder, &facets.folder),
    ] {
        if values.is_empty() {
            continue;
        }
        let _ = write!(out, "<h3>{title}</h3><ul>");
        for FacetValue { value, documents } in values {
            // The corpus folder itself: its files are no folder's, so no filter selects
            // them alone.
            if key == "folder" && value == "." {
                let _ = write!(
                    out,
                    "<li><a><span>{}</span><span class=\"count\">{documents}</span></a></li>",
                    w.corpus_folder
                );
                continue;
            }
            let _ = write!(
                out,
                "<li><a href=\"/{}\"><span>{}</span><span class=\"count\">{documents}</span></a></li>",
                esc(&params.with(key, Some(value))),
                esc(value)
            );
        }
        out.push_str("</ul>");
    }
    out
}

/// Documents per year as bars, each a link setting the date range to its year; the axis
/// says the first and last year (one year: it once).
fn histogram(facets: &Facets, params: &Params) -> String {
    let lang = params.lang();
    let Some(max) = facets
        .years
        .iter()
        .map(|(_, n)| *n)
        .max()
        .filter(|m| *m > 0)
    else {
        return String::new();
    };
    let mut bars = String::new();
    for (year, n) in &facets.years {
        let height = if *n == 0 { 0 } else { (n * 100 / max).max(3) };
        let y = year.to_string();
        let _ = write!(
            bars,
            "<a href=\"/{}\" title=\"{y}: {n}\" aria-label=\"{y}: {n}\" style=\"height:{height}%\"></a>",
            esc(&params.with_years(&y, &y))
        );
    }
    let (first, last) = (facets.years[0].0, facets.years[facets.years.len() - 1].0);
    let undated = if facets.undated > 0 {
        format!(
            "<p class=\"count\">{}</p>",
            lang.undated_documents(facets.undated)
        )
    } else {
        String::new()
    };
    let axis = if first == last {
        format!("<span class=\"one\">{first}</span>")
    } else {
        format!("<span>{first}</span><span>{last}</span>")
    };
    format!(
        "<h3>{}</h3><div class=\"histogram\" role=\"img\" aria-label=\"{} {first}–{last}\">{bars}</div>\
         <div class=\"histogram-axis\">{axis}</div>{undated}",
        lang.words().per_year,
        lang.words().per_year
    )
}
