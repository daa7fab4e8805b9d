//! The mentions page: a term's counts (by year, document, speaker or body) and its
//! concordance a page at a time, linking to the downloads `gongwen mentions` gives; and
//! what the counting pages (this one and `trending`) share: their terms, grouping and
//! entities.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::{Html, Response};
use maud::{Markup, PreEscaped, html};

use super::html::{Frame, answer, page};
use super::pages::{chips, examples, form, pages, select};
use super::params::Params;
use super::{App, Failure};
use crate::catalog::IndexHandle;
use crate::mentions::counts::{CountTable, Counts, GroupBy, RowOrder};
use crate::mentions::sort::{ContextSort, sort_by_context};
use crate::mentions::{self, Mention};
use crate::search::Filters;
use crate::search::aliases::{Aliases, Entity};

/// Concordance lines on a page.
const LINES_PER_PAGE: usize = 100;

/// The terms and filters of a counting page, or `None` when no term is given.
pub(crate) fn asked(app: &App, params: &Params) -> Result<Option<(Vec<String>, Filters)>, Failure> {
    let (terms, written) = params.terms(&app.limits)?;
    if terms.is_empty() {
        return Ok(None);
    }
    Ok(Some((terms, params.filters()?.and(&written))))
}

pub(crate) fn group_by(params: &Params) -> GroupBy {
    match params.value("by") {
        Some("doc") => GroupBy::Doc,
        Some("speaker") => GroupBy::Speaker,
        Some("body") => GroupBy::Body,
        _ => GroupBy::Year,
    }
}

/// The entities of `terms`, with the corpus's alias groups.
pub(crate) fn entities(
    handle: &crate::catalog::IndexHandle,
    terms: &[String],
) -> crate::Result<Vec<Entity>> {
    let aliases = Aliases::of_corpus(handle)?;
    Ok(terms.iter().map(|t| aliases.entity(t)).collect())
}

/// `/mentions`: counts grouped as asked, then a page of the concordance.
pub(crate) async fn mentions(
    State(app): State<Arc<App>>,
    Query(params): Query<Params>,
) -> Response {
    let frame = Frame::new("/mentions", &params);
    answer(mentions_page(&app, &params).await, &frame, || {
        mentions_form(&params)
    })
}

fn mentions_form(params: &Params) -> Markup {
    let w = params.lang().words();
    let choices: Vec<(&str, &str)> = ["year", "doc", "speaker", "body"]
        .into_iter()
        .zip(w.counts_by)
        .collect();
    let by = select(
        "by",
        w.counts_by[0],
        &choices,
        params.value("by").unwrap_or("year"),
    );
    let orders: Vec<(&str, &str)> = ["", "left", "right"].into_iter().zip(w.lines_by).collect();
    let sort = select(
        "sort",
        w.lines_by[0],
        &orders,
        context_sort(params).map_or("", |s| match s {
            ContextSort::Left => "left",
            ContextSort::Right => "right",
        }),
    );
    form("/mentions", params, html! { (by) " " (sort) })
}

/// The word a concordance keeps the lines near (`near=因地制宜`, within `window` words,
/// 5 unless given).
pub(crate) fn near_word(params: &Params) -> Option<(String, usize)> {
    let word = params
        .near
        .as_deref()
        .map(str::trim)
        .filter(|w| !w.is_empty())?;
    Some((word.to_string(), params.window.unwrap_or(5).clamp(1, 50)))
}

/// The concordance's order: by the words left or right of the match, or none (document
/// order).
pub(crate) fn context_sort(params: &Params) -> Option<ContextSort> {
    match params.value("sort") {
        Some("left") => Some(ContextSort::Left),
        Some("right") => Some(ContextSort::Right),
        _ => None,
    }
}

async fn mentions_page(app: &Arc<App>, params: &Params) -> Result<Html<String>, Failure> {
    let frame = Frame::new("/mentions", params);
    let (lang, w) = (frame.lang, frame.words());
    let by = group_by(params);
    let Some((terms, filters)) = asked(app, params)? else {
        let content = html! {
            main { div class="content" {
                (mentions_form(params))
                p { (w.start_mentions) " " (examples(params, "/mentions", &["尧柏水泥", "安康高新集团"])) "。" }
            } }
        };
        return Ok(page(&frame, w.nav_mentions, "mentions", content));
    };
    let first = (params.page() - 1) * LINES_PER_PAGE;
    let sort = context_sort(params);
    let near = near_word(params);
    let weigh = terms.clone();
    let shown_with = params.clone();
    let (table, lines, total) = app
        .run(super::broad_terms(weigh), move |handle| {
            filters.check_fields(handle)?;
            let entities = entities(handle, &terms)?;
            let names: Vec<String> = entities.iter().map(|e| e.name.clone()).collect();
            let sizes = crate::mentions::dispersion::part_sizes_of(handle, &filters, by)?;
            if sort.is_none() && near.is_none() {
                let counts = mentions::occurrences(handle, &entities, &filters)?;
                let table = CountTable::new(&counts, &names, by, RowOrder::Date);
                let table = count_rows(&table.with_dispersion(&sizes), &shown_with);
                let (lines, total) = page_lines(handle, &entities, &filters, first)?;
                return Ok((table, lines, total));
            }
            // Near a word, or sorted: every line first; the counts are the lines'.
            let mut all = mentions::mentions(handle, &entities, &filters)?;
            if let Some((word, window)) = &near {
                all = crate::mentions::near::near(&handle.segmenter, all, word, *window);
            }
            let table = CountTable::new(&all, &names, by, RowOrder::Date);
            let table = count_rows(&table.with_dispersion(&sizes), &shown_with);
            if let Some(side) = sort {
                sort_by_context(&handle.segmenter, &mut all, side);
            }
            let total = all.len();
            let lines = all.into_iter().skip(first).take(LINES_PER_PAGE).collect();
            Ok((table, lines, total))
        })
        .await?;
    let every = params.with("by", None);
    let counted = params.with("by", Some(params.value("by").unwrap_or("year")));
    let content = html! {
        main { div class="content" {
            (mentions_form(params))
            (chips(params, "/mentions"))
            p class="totals" { (lang.occurrences(total)) }
            p {
                (w.download) (w.separator)
                a href={ "/api/mentions" (every) "&format=csv" } { "CSV" } " · "
                a href={ "/api/mentions" (every) } { "JSON" } (w.every_occurrence) " · "
                a href={ "/api/mentions" (counted) "&format=csv" } { (w.counts_csv) } " · "
                a href={ "/api/mentions" (counted) } { (w.counts_json) }
            }
            div class="scroll" { (table) }
            h3 { (w.concordance) }
            div class="scroll" { (concordance(&lines, first, params)) }
            (pages(params, "/mentions", total, LINES_PER_PAGE))
        } }
    };
    Ok(page(
        &frame,
        params.value("q").unwrap_or(w.nav_mentions),
        "mentions",
        content,
    ))
}

/// A page of the concordance in document order, and how many lines there are: only the
/// page's lines are kept (的 has half a million).
fn page_lines(
    handle: &IndexHandle,
    entities: &[Entity],
    filters: &Filters,
    first: usize,
) -> crate::Result<(Vec<Mention>, usize)> {
    let (mut lines, mut total) = (Vec::new(), 0);
    mentions::for_each_document(handle, entities, filters, &mut |found| {
        let wanted = first.saturating_sub(total)..(first + LINES_PER_PAGE).saturating_sub(total);
        total += found.len();
        lines.extend(found.into_iter().take(wanted.end).skip(wanted.start));
        Ok(())
    })?;
    Ok((lines, total))
}

/// A count table, its caption saying the query and filters it was made with.
fn count_rows(table: &CountTable<'_>, params: &Params) -> Markup {
    let lang = params.lang();
    let w = lang.words();
    let missing = match table.by {
        GroupBy::Year | GroupBy::Doc => w.undated,
        GroupBy::Speaker => w.no_speaker,
        GroupBy::Body => w.no_body,
    };
    let several = table.terms.len() > 1;
    let counts = |per_term: &[usize], c: &Counts| {
        html! {
            @if several { @for n in per_term { td class="n" { (lang.number(*n)) } } }
            td class="n" { (lang.number(c.occurrences)) }
            td class="n" { (lang.number(c.passages)) }
            td class="n" { (lang.number(c.documents)) }
        }
    };
    html! {
        table {
            caption { (w.made_with) (w.separator) code class="query" { (params.made_with()) } }
            tr {
                th {}
                @if several { @for t in &table.terms { th class="n" { (t) } } }
                th class="n" { (w.occurrences) } th class="n" { (w.passages) } th class="n" { (w.documents) }
            }
            @for r in &table.rows {
                tr {
                    td {
                        @match r.document {
                            // Documents come newest first: their dates show the order.
                            Some(d) => {
                                span class="count" { (d.meta.date.map_or_else(|| missing.to_string(), |x| lang.date(x))) }
                                " "
                                a href={ "/doc/" (d.id) (params.lang_only()) } { (d.meta.title.as_deref().unwrap_or(&d.path)) }
                            }
                            None => (r.key.as_deref().unwrap_or(missing)),
                        }
                    }
                    (counts(&r.per_term, &r.counts))
                }
            }
            tr { td { b { (w.total) } } (counts(&table.total_per_term, &table.total)) }
            // Dispersion, under each term's column (one term: under its occurrences).
            @for ((_, values), label) in crate::output::table::dispersion_rows(table).into_iter().zip(w.dispersion) {
                tr class="dispersion" {
                    td { (label) }
                    @for v in &values { td class="n" { (v) } }
                    @if several { td {} }
                    td {} td {}
                }
            }
        }
        @if !table.dispersion.is_empty() {
            p class="hint" { (PreEscaped(w.dispersion_note)) }
        }
    }
}

/// Concordance lines: context, the match, context, and the document (opened at the
/// passage, the match highlighted).
fn concordance(lines: &[Mention], first: usize, params: &Params) -> Markup {
    let lang = params.lang();
    html! {
        table class="kwic" {
            @for (i, m) in lines.iter().enumerate() {
                @let d = &m.document;
                @let link = Params { q: Some(m.variant.to_string()), lang: lang.param().map(str::to_string), ..Params::default() }
                    .with("page", None);
                @let anchor = if m.passage == crate::document::HEADER_PASSAGE { String::new() } else { format!("#p{}", m.passage) };
                tr {
                    td class="n" { (first + i + 1) }
                    td class="left" { div { span { (m.left()) } } }
                    td class="match" { mark { (m.matched()) } }
                    td class="right" { (m.right()) }
                    td class="where" {
                        a href={ "/doc/" (d.id) (link) (anchor) } { (d.meta.title.as_deref().unwrap_or(&d.path)) }
                        " " (d.meta.date.map(|x| lang.date(x)).unwrap_or_default())
                    }
                }
            }
        }
    }
}
