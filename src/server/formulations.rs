//! The new formulations page: a slice of documents (filters) and, optionally, what it is
//! compared with; the words and the word sequences the slice uses that no earlier
//! document of the comparison set used (`research::new_words`), each with its count,
//! documents and first document, linking to its mentions; downloads as `gongwen new`.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::{Html, Response};
use maud::{Markup, html};

use super::html::{Frame, answer, page};
use super::keywording::mentions_link;
use super::pages::examples;
use super::params::Params;
use super::{App, Failure};
use crate::catalog::DocumentRecord;
use crate::research::{NewWords, new_words};

/// Words and sequences shown on the page (each list).
const SHOWN: usize = 50;

/// The new words and sequences of the slice a request asks for, at least twice each,
/// the first `limit` of each.
pub(crate) async fn computed(
    app: &Arc<App>,
    params: &Params,
    limit: usize,
) -> Result<NewWords, Failure> {
    if params.value("q").is_none() {
        return Err(Failure::Bad(
            "no slice given (q=year:2024 doc_type:政府工作报告)".into(),
        ));
    }
    let (slice, comparison) = params.keyword_sides(&app.limits)?;
    app.run(super::heavy, move |handle| {
        slice.check_fields(handle)?;
        if let Some(c) = &comparison {
            c.check_fields(handle)?;
        }
        new_words(handle, &slice, comparison.as_ref(), 2, limit)
    })
    .await
}

/// `/new?q=SLICE[&vs=COMPARISON]`: the slice's new words and sequences.
pub(crate) async fn new(State(app): State<Arc<App>>, Query(params): Query<Params>) -> Response {
    let frame = Frame::new("/new", &params);
    answer(new_page(&app, &params).await, &frame, || new_form(&params))
}

/// Two boxes: the slice's filters and the comparison set's.
fn new_form(params: &Params) -> Markup {
    let w = params.lang().words();
    super::pages::two_sets_form(
        "/new",
        params,
        (w.slice, "doc_type:政府工作报告 year:2024"),
        (w.compared_with, w.earlier_of_kind),
        w.new_note,
    )
}

async fn new_page(app: &Arc<App>, params: &Params) -> Result<Html<String>, Failure> {
    let frame = Frame::new("/new", params);
    let (lang, w) = (frame.lang, frame.words());
    if params.value("q").is_none() {
        let content = html! {
            main { div class="content" {
                (new_form(params))
                p { (w.start_new) " " (examples(params, "/new", &["doc_type:政府工作报告 year:2024", "year:2026"])) "。" }
            } }
        };
        return Ok(page(&frame, w.nav_new, "new", content));
    }
    let found = computed(app, params, SHOWN).await?;
    let q = params.with("page", None);
    let before = found
        .before
        .map_or_else(|| "—".to_string(), |d| lang.date(d));
    let content = html! {
        main { div class="content" {
            (new_form(params))
            p class="totals" {
                (w.slice) (w.separator) (lang.documents(found.slice_documents)) " · "
                (w.compared_with) (w.separator) (lang.documents(found.compared_documents))
                " · " (w.dated_before) " " (before)
            }
            p {
                (w.download) (w.separator)
                a href={ "/api/new" (q) "&format=csv" } { "CSV" } " · "
                a href={ "/api/new" (q) } { "JSON" }
            }
            h3 { (w.new_words) }
            div class="scroll" {
                (rows(found.words.iter().map(|x| (x.word.clone(), x.occurrences, x.documents, x.first.as_deref())), params))
            }
            h3 { (w.new_sequences) }
            div class="scroll" {
                (rows(found.sequences.iter().map(|x| (x.words.join(" "), x.occurrences, x.documents, x.first.as_deref())), params))
            }
        } }
    };
    Ok(page(&frame, w.nav_new, "new", content))
}

/// One list: rank, the word (or the sequence, its words spaced) linking to its mentions,
/// occurrences, documents, the first document with its date.
fn rows<'a>(
    list: impl Iterator<Item = (String, u64, u32, Option<&'a DocumentRecord>)>,
    params: &Params,
) -> Markup {
    let lang = params.lang();
    let w = lang.words();
    let list: Vec<_> = list.collect();
    if list.is_empty() {
        return html! { p class="count" { "—" } };
    }
    html! {
        table {
            caption { (w.made_with) (w.separator) code class="query" { (params.made_with()) } }
            tr {
                th { "#" } th { (w.word) } th class="n" { (w.occurrences) } th class="n" { (w.documents) }
                th { (w.first_use) }
            }
            @for (i, (word, occurrences, documents, first)) in list.iter().enumerate() {
                tr {
                    td class="n" { (i + 1) }
                    td class="word" { a href=(mentions_link(&word.replace(' ', ""), lang)) { (word) } }
                    td class="n" { (lang.number(*occurrences as usize)) }
                    td class="n" { (documents) }
                    td {
                        @if let Some(d) = first {
                            (d.meta.date.map(|x| lang.date(x)).unwrap_or_default()) " "
                            a href={ "/doc/" (d.id) (doc_link(&word.replace(' ', ""), params)) } { (d.meta.title.as_deref().unwrap_or(&d.path)) }
                        }
                    }
                }
            }
        }
    }
}

/// The query string opening a document at a text's first occurrence.
fn doc_link(text: &str, params: &Params) -> String {
    Params {
        q: Some(text.to_string()),
        lang: params.lang().param().map(str::to_string),
        ..Params::default()
    }
    .with("page", None)
}
