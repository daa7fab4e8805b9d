//! The search page (results, facets, a year histogram, filter chips, pages) and what
//! every page shares: the query form, chips, metadata line, page links. The reading and
//! counting pages are in `reading` and `counting`. Each page has a stable URL: its
//! parameters are the whole view.

use std::fmt::Write as _;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::{Html, Response};

use super::html::{answer, esc, highlighted, page};
use super::params::{FILTER_KEYS, Params};
use super::{App, Failure};
use crate::document::HEADER_PASSAGE;
use crate::search::aliases::Aliases;
use crate::search::facets::{FacetValue, Facets, facets};
use crate::search::{self, DocumentHit, SearchResults};

/// Documents on a page of search results.
const RESULTS_PER_PAGE: usize = 20;

const QUERY_HINT: &str = "Words are all required (<code>稳增长 就业</code>); <code>\"…\"</code> a \
    phrase; <code>A OR B</code>; <code>-word</code> leaves out; <code>doc_type:政府工作报告</code>, \
    <code>speaker:…</code>, <code>year:2020-2024</code> filter.";

pub(crate) fn form(action: &str, params: &Params, extra: &str) -> String {
    let q = esc(params.value("q").unwrap_or(""));
    let mut hidden = String::new();
    for key in FILTER_KEYS {
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
         name=\"q\" value=\"{q}\" placeholder=\"稳增长, 惠企纾困, 新质生产力 …\"{focus}>\
         {hidden}{extra}<button type=\"submit\">Search</button></form>\
         <p class=\"hint\">{QUERY_HINT}</p>"
    )
}

/// The active filters, each with a link that removes it.
pub(crate) fn chips(params: &Params, path: &str) -> String {
    let mut out = String::new();
    for key in FILTER_KEYS {
        if let Some(v) = params.value(key) {
            let _ = write!(
                out,
                "<span class=\"chip\">{key}: {}<a href=\"{path}{}\" title=\"remove\">×</a></span>",
                esc(v),
                esc(&params.with(key, None))
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
    answer(search_page(&app, params).await)
}

async fn search_page(app: &Arc<App>, params: Params) -> Result<Html<String>, Failure> {
    let sort = params.sort();
    let sorts = ["relevance", "date"]
        .iter()
        .map(|s| {
            let selected = if params.value("sort") == Some(s) {
                " selected"
            } else {
                ""
            };
            format!("<option value=\"{s}\"{selected}>by {s}</option>")
        })
        .collect::<String>();
    let head = form(
        "/",
        &params,
        &format!("<select name=\"sort\">{sorts}</select>"),
    );
    let text = params.text(&app.limits)?;
    if text.is_empty() {
        let content = format!(
            "<main><div class=\"content\">{head}{}<p>Type a policy phrase, a name or a title. \
             Try <a href=\"/?q=稳增长\">稳增长</a>, <a href=\"/?q=惠企纾困\">惠企纾困</a>, \
             <a href=\"/?q=新质生产力\">新质生产力</a>.</p></div></main>",
            chips(&params, "/")
        );
        return Ok(page("Search", "search", &content));
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
        chips(&params, "/"),
        totals(&results),
        hits(&results.hits, &params),
        pages(&params, "/", results.documents, RESULTS_PER_PAGE),
        facet_lists(&facets, &params)
    );
    Ok(page(&text, "search", &content))
}

fn totals(results: &SearchResults) -> String {
    let docs = crate::output::count(results.documents, "document", "documents");
    let passages = crate::output::count(results.passages, "passage", "passages");
    format!("<p class=\"totals\">{docs}, {passages} match</p>")
}

/// The title, metadata line and best passages of each document found.
fn hits(hits: &[DocumentHit], params: &Params) -> String {
    let q = params.with("page", None);
    let mut out = String::new();
    for hit in hits {
        let d = &hit.document;
        let title = d.meta.title.clone().unwrap_or_else(|| d.path.clone());
        let _ = write!(
            out,
            "<div class=\"hit\"><h2><a href=\"/doc/{}{}\">{}</a></h2><div class=\"meta\">{}",
            d.id,
            esc(&q),
            highlighted(&title, &hit.title_highlights, None),
            meta_line(d)
        );
        let _ = write!(
            out,
            " · {} matching, {}</div>",
            crate::output::count(hit.matching_passages, "passage", "passages"),
            crate::output::count(hit.occurrences, "occurrence", "occurrences")
        );
        for p in &hit.passages {
            let anchor = if p.passage == HEADER_PASSAGE {
                String::new()
            } else {
                format!("#p{}", p.passage)
            };
            let _ = write!(
                out,
                "<p class=\"passage\"><a class=\"source\" href=\"/doc/{}{}{anchor}\">{}</a> {}</p>",
                d.id,
                esc(&q),
                if p.passage == HEADER_PASSAGE {
                    "head".to_string()
                } else {
                    format!("¶{}", p.passage)
                },
                cropped(&p.text, &p.highlights)
            );
        }
        out.push_str("</div>");
    }
    out
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

/// Speaker · body · date · file of a document, escaped.
pub(crate) fn meta_line(d: &crate::catalog::DocumentRecord) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(d.meta.speaker.iter().map(|s| esc(s)));
    parts.extend(d.meta.body.iter().map(|s| esc(s)));
    parts.extend(d.meta.date.map(|x| x.to_string()));
    parts.extend(d.meta.doc_type.iter().map(|s| esc(s)));
    parts.push(esc(&d.path));
    parts.join(" · ")
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
    let mut out = String::from("<p class=\"pages\">");
    if now > 1 {
        out.push_str(&link(now - 1, "‹ previous"));
    }
    let _ = write!(out, "<span>page {now} of {last}</span>");
    if now < last {
        out.push_str(&link(now + 1, "next ›"));
    }
    out.push_str("</p>");
    out
}

/// The facets as lists of links that add a filter, and the year histogram whose bars
/// set the date range.
fn facet_lists(facets: &Facets, params: &Params) -> String {
    let mut out = histogram(facets, params);
    for (key, title, values) in [
        ("speaker", "Speaker 讲话人", &facets.speaker),
        ("body", "Issuing body 发文机关", &facets.body),
        ("doc_type", "Kind 文种", &facets.doc_type),
        ("folder", "Folder 来源", &facets.folder),
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
                    "<li><a><span>(the corpus folder)</span><span class=\"count\">{documents}</span></a></li>"
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

fn histogram(facets: &Facets, params: &Params) -> String {
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
            "<a href=\"/{}\" title=\"{y}: {n}\" style=\"height:{height}%\"></a>",
            esc(&params.with_years(&y, &y))
        );
    }
    let (first, last) = (facets.years[0].0, facets.years[facets.years.len() - 1].0);
    let undated = if facets.undated > 0 {
        format!("<p class=\"count\">{} undated</p>", facets.undated)
    } else {
        String::new()
    };
    format!(
        "<h3>Documents per year 年份</h3><div class=\"histogram\">{bars}</div>\
         <div class=\"histogram-axis\"><span>{first}</span><span>{last}</span></div>{undated}"
    )
}
