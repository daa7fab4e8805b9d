//! The search page: the documents found with their best passages highlighted and cite
//! links, exact totals and the result list's download, pages, and beside them the facets
//! (links that add a filter) and the histogram of documents per year (bars that set the
//! date range).

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::{Html, Response};
use maud::{Markup, html};

use super::html::{Frame, answer, highlighted, page};
use super::pages::{chips, cite_link, examples, form, meta_line, pages, select};
use super::params::Params;
use super::{App, Failure};
use crate::document::HEADER_PASSAGE;
use crate::search::aliases::Aliases;
use crate::search::facets::{FacetValue, Facets, facets};
use crate::search::{self, DocumentHit, SearchResults};

/// Documents on a page of search results.
const RESULTS_PER_PAGE: usize = 20;

/// `/`: the search page.
pub(crate) async fn search(State(app): State<Arc<App>>, Query(params): Query<Params>) -> Response {
    let frame = Frame::new("/", &params);
    answer(search_page(&app, &params).await, &frame, || {
        search_form(&params)
    })
}

fn search_form(params: &Params) -> Markup {
    let w = params.lang().words();
    let sorts = [("relevance", w.by_relevance), ("date", w.by_date)];
    let sort = select(
        "sort",
        w.by_relevance,
        &sorts,
        params.value("sort").unwrap_or("relevance"),
    );
    form("/", params, sort)
}

/// A search's page of hits (`range` of the ranked documents) and its facets, as kept
/// for the index generation (see [`App::run_kept`]): the search page and `/api/search`
/// share them.
pub(crate) async fn kept_search(
    app: &Arc<App>,
    text: &str,
    mut query: search::Query,
    filters: search::Filters,
    sort: search::Sort,
    range: std::ops::Range<usize>,
) -> Result<Arc<(SearchResults, Facets)>, Failure> {
    let weigh = query.clone();
    let key = format!("{text}\u{1}{filters:?}\u{1}{sort:?}\u{1}{range:?}");
    app.run_kept(key, super::broad(weigh), move |handle| {
        filters.and(&query.filters).check_fields(handle)?;
        Aliases::of_corpus(handle)?.expand(&mut query);
        let results = search::search_page(handle, &query, &filters, sort, range)?;
        let facets = facets(handle, &results.matched)?;
        // Kept for the generation: the ids served the facets only.
        let results = SearchResults {
            matched: Vec::new(),
            ..results
        };
        Ok((results, facets))
    })
    .await
}

async fn search_page(app: &Arc<App>, params: &Params) -> Result<Html<String>, Failure> {
    let frame = Frame::new("/", params);
    let w = frame.words();
    let sort = params.sort();
    let text = params.text(&app.limits)?;
    if text.is_empty() {
        let content = html! {
            main { div class="content" {
                (search_form(params))
                (chips(params, "/"))
                p { (w.start_search) " " (examples(params, "/", &["稳增长", "惠企纾困", "新质生产力"])) "。" }
            } }
        };
        return Ok(page(&frame, w.nav_search, "search", content));
    }
    let query = params.query(&app.limits)?;
    let filters = params.filters()?;
    let first = (params.page() - 1) * RESULTS_PER_PAGE;
    let answer = kept_search(
        app,
        &text,
        query,
        filters,
        sort,
        first..first + RESULTS_PER_PAGE,
    )
    .await?;
    let (results, facets) = &*answer;
    let content = html! {
        main {
            div class="content" {
                (search_form(params))
                (chips(params, "/"))
                (totals(results, params))
                (hits(&results.hits, params))
                (pages(params, "/", results.documents, RESULTS_PER_PAGE))
            }
            aside { (histogram(facets, params)) (facet_lists(facets, params)) }
        }
    };
    Ok(page(&frame, &text, "search", content))
}

/// The counts, and the result list's download.
fn totals(results: &SearchResults, params: &Params) -> Markup {
    let lang = params.lang();
    html! {
        p class="totals" {
            (lang.totals(results.documents, results.passages)) " · "
            a href={ "/api/search" (params.with("page", None)) "&format=csv" } { (lang.words().results_csv) }
        }
    }
}

/// The title, metadata line and best passages of each document found, each with its
/// cite link.
fn hits(hits: &[DocumentHit], params: &Params) -> Markup {
    let lang = params.lang();
    let w = lang.words();
    let q = params.with("page", None);
    html! {
        @for hit in hits {
            @let d = &hit.document;
            @let title = d.meta.title.clone().unwrap_or_else(|| d.path.clone());
            div class="hit" {
                h2 { a href={ "/doc/" (d.id) (q) } { (highlighted(&title, &hit.title_highlights, None)) } }
                div class="meta" {
                    (meta_line(d, lang)) " · "
                    (lang.hit_counts(hit.matching_passages, hit.occurrences)) " · "
                    a class="cite" href=(cite_link(d.id, None, params)) { (w.cite) }
                }
                @for p in &hit.passages {
                    @let header = p.passage == HEADER_PASSAGE;
                    p class="passage" {
                        @if header {
                            a class="source" href={ "/doc/" (d.id) (q) } { (w.head) }
                        } @else {
                            a class="source" href={ "/doc/" (d.id) (q) "#p" (p.passage) } { (lang.passage(p.passage)) }
                        }
                        " " (cropped(&p.text, &p.highlights)) " "
                        a class="cite" href=(cite_link(d.id, (!header).then_some(p.passage), params)) { (w.cite) }
                    }
                }
            }
        }
    }
}

/// Characters of a passage shown under a hit (a passage is a whole paragraph, up to
/// 2,000 characters): the window around its matches, as on the terminal.
const SHOWN_CHARS: usize = 240;

/// A passage cropped around its matches, marked, with `…` where text was left out.
fn cropped(text: &str, highlights: &[(usize, usize)]) -> Markup {
    let chars: Vec<char> = text.chars().collect();
    let (start, end) = crate::output::crop_window(chars.len(), highlights, SHOWN_CHARS);
    let inside: Vec<(usize, usize)> = highlights
        .iter()
        .filter(|&&(s, e)| s >= start && e <= end)
        .map(|&(s, e)| (s - start, e - start))
        .collect();
    let shown: String = chars[start..end].iter().collect();
    html! {
        @if start > 0 { "…" }
        (highlighted(&shown, &inside, None))
        @if end < chars.len() { "…" }
    }
}

/// The facets as lists of links that add a filter.
fn facet_lists(facets: &Facets, params: &Params) -> Markup {
    let w = params.lang().words();
    let lists = [
        ("speaker", w.speaker, &facets.speaker),
        ("body", w.body, &facets.body),
        ("doc_type", w.doc_type, &facets.doc_type),
        ("folder", w.folder, &facets.folder),
    ];
    html! {
        @for (key, title, values) in lists {
            @if !values.is_empty() {
                h3 { (title) }
                ul {
                    @for FacetValue { value, documents } in values {
                        li {
                            // The corpus folder itself: its files are no folder's, so no
                            // filter selects them alone.
                            @if key == "folder" && value == "." {
                                a { span { (w.corpus_folder) } span class="count" { (documents) } }
                            } @else {
                                a href={ "/" (params.with(key, Some(value))) } {
                                    span { (value) } span class="count" { (documents) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Documents per year as bars, each a link setting the date range to its year; the axis
/// says the first and last year (one year: it once).
fn histogram(facets: &Facets, params: &Params) -> Markup {
    let lang = params.lang();
    let w = lang.words();
    let Some(max) = facets
        .years
        .iter()
        .map(|(_, n)| *n)
        .max()
        .filter(|m| *m > 0)
    else {
        return html! {};
    };
    let (first, last) = (facets.years[0].0, facets.years[facets.years.len() - 1].0);
    html! {
        h3 { (w.per_year) }
        div class="histogram" role="img" aria-label={ (w.per_year) " " (first) "–" (last) } {
            @for (year, n) in &facets.years {
                @let height = if *n == 0 { 0 } else { (n * 100 / max).max(3) };
                @let y = year.to_string();
                a href={ "/" (params.with_years(&y, &y)) } title={ (y) ": " (n) }
                    aria-label={ (y) ": " (n) } style={ "height:" (height) "%" } {}
            }
        }
        div class="histogram-axis" {
            @if first == last {
                span class="one" { (first) }
            } @else {
                span { (first) } span { (last) }
            }
        }
        @if facets.undated > 0 {
            p class="count" { (lang.undated_documents(facets.undated)) }
        }
    }
}
