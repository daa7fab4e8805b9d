//! The reading pages: one document with every hit of the query highlighted, a link and
//! a cite link per passage, its metadata with where each value came from; and the list of
//! documents with where each value came from.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::response::{Html, Response};
use maud::{Markup, html};

use super::html::{Frame, answer, highlighted, lines, page};
use super::i18n::Lang;
use super::pages::{chips, cite_link, form, meta_line, pages, path_html};
use super::params::Params;
use super::{App, Failure};
use crate::catalog::DocumentRecord;
use crate::document::HEADER_PASSAGE;
use crate::document::metadata::fields::FIELDS;
use crate::search::{self, DocumentPassage};

/// Documents on a page of the list.
const DOCUMENTS_PER_PAGE: usize = 100;

/// `/doc/{id}`: the document's metadata and whole text, hits of `q` highlighted.
pub(crate) async fn document(
    State(app): State<Arc<App>>,
    Path(id): Path<u64>,
    Query(params): Query<Params>,
) -> Response {
    let path = format!("/doc/{id}");
    let frame = Frame::new(&path, &params);
    answer(document_page(&app, id, &params).await, &frame, || {
        form(&path, &params, html! {})
    })
}

async fn document_page(app: &Arc<App>, id: u64, params: &Params) -> Result<Html<String>, Failure> {
    let path = format!("/doc/{id}");
    let frame = Frame::new(&path, params);
    let (lang, w) = (frame.lang, frame.words());
    let literals = params.literals(&app.limits)?;
    let (record, passages) = app
        .run(super::light, move |handle| {
            let Some(record) = handle.catalog.find_document(id)? else {
                return Ok(None);
            };
            let literals: Vec<&str> = literals.iter().map(String::as_str).collect();
            let passages = search::document_text(handle, id, &literals, true)?;
            Ok(Some((record, passages)))
        })
        .await?
        .ok_or_else(|| Failure::NotFound(format!("no document {id}")))?;
    let title = record
        .meta
        .title
        .clone()
        .unwrap_or_else(|| record.path.clone());
    let hits: usize = passages.iter().map(|p| p.highlights.len()).sum();
    let asked = params.value("q").is_some();
    let content = html! {
        main {
            div class="content" {
                (form(&path, params, html! {}))
                h1 { (title) }
                p class="meta" {
                    (meta_line(&record, lang)) " · "
                    a class="cite" href=(cite_link(id, None, params)) { (w.cite_document) }
                }
                @if asked && hits > 0 {
                    p class="totals" {
                        (lang.hits_in_document(hits)) (w.separator)
                        a href="#h0" { (w.first_hit) } (w.keys)
                    }
                } @else if asked {
                    p class="totals" { (w.not_in_document) }
                }
                div class="doc-text" { (text(id, &passages, &value_marks(&record, &passages), params)) }
            }
            aside { (metadata_table(&record, lang)) }
        }
    };
    Ok(page(&frame, &title, "", content))
}

/// The header's lines as written (anchor `head`), then the passages, each a paragraph
/// with its anchor `p{n}` and its cite link; marks numbered through the document so that
/// each links to the next. Passage numbers and cite links are drawn from `data-label`:
/// a quotation copied from the page holds the document's characters only.
fn text(id: u64, passages: &[DocumentPassage], values: &[ValueMark], params: &Params) -> Markup {
    let lang = params.lang();
    let w = lang.words();
    let header = passages.iter().filter(|p| p.passage == HEADER_PASSAGE);
    let body = passages.iter().filter(|p| p.passage != HEADER_PASSAGE);
    let mut marks = 0;
    let mut shown = Vec::new();
    for p in header.chain(body) {
        let here: Vec<&ValueMark> = values.iter().filter(|v| v.passage == p.passage).collect();
        // The values read from this passage are marked where no hit of the query is.
        let inner = if p.highlights.is_empty() && !here.is_empty() {
            value_marked(&p.text, &here)
        } else {
            highlighted(&p.text, &p.highlights, Some((marks, lang)))
        };
        marks += p.highlights.len();
        shown.push((p.passage, inner));
    }
    html! {
        @for (passage, inner) in shown {
            @if passage == HEADER_PASSAGE {
                p id="head" class="doc-head" {
                    a class="pn" href="#head" title=(w.link_to_passage) data-label=(w.head) {}
                    (inner)
                }
            } @else {
                p id={ "p" (passage) } {
                    a class="pn" href={ "#p" (passage) } title=(w.link_to_passage) data-label={ "¶" (passage) } {}
                    (inner)
                    a class="pcite" href=(cite_link(id, Some(passage), params)) title=(w.cite_passage) data-label=(w.cite) {}
                }
            }
        }
    }
}

/// A metadata value's place in the text shown: the passage (the header's is
/// [`HEADER_PASSAGE`]) and its characters.
struct ValueMark {
    field: &'static str,
    passage: u64,
    start: usize,
    end: usize,
}

/// Where the values read from the text stand in the passages shown (header lines are
/// shown joined by line breaks).
fn value_marks(d: &DocumentRecord, passages: &[DocumentPassage]) -> Vec<ValueMark> {
    use crate::document::provenance::SpanPlace;
    let header = passages
        .iter()
        .find(|p| p.passage == HEADER_PASSAGE)
        .map_or("", |p| p.text.as_str());
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(header.split('\n').scan(0, |at, line| {
            *at += line.chars().count() + 1;
            Some(*at)
        }))
        .collect();
    FIELDS
        .iter()
        .filter_map(|f| {
            let span = d.meta.spans.get(f.name)?;
            let (passage, offset) = match span.place {
                SpanPlace::Header => (HEADER_PASSAGE, *line_starts.get(span.index)?),
                SpanPlace::Passage => (span.index as u64, 0),
            };
            Some(ValueMark {
                field: f.name,
                passage,
                start: offset + span.start,
                end: offset + span.end,
            })
        })
        .collect()
}

/// `text` with the values read from it marked (`id="m-speaker"`).
fn value_marked(text: &str, marks: &[&ValueMark]) -> Markup {
    let chars: Vec<char> = text.chars().collect();
    let mut sorted: Vec<&&ValueMark> = marks.iter().collect();
    sorted.sort_by_key(|m| (m.start, m.end));
    let mut pieces: Vec<(String, Option<&str>)> = Vec::new();
    let mut at = 0;
    for m in sorted {
        let (start, end) = (m.start.min(chars.len()), m.end.min(chars.len()));
        if start < at {
            continue;
        }
        pieces.push((chars[at..start].iter().collect(), None));
        pieces.push((chars[start..end].iter().collect(), Some(m.field)));
        at = end;
    }
    pieces.push((chars[at.min(chars.len())..].iter().collect(), None));
    html! {
        @for (piece, field) in &pieces {
            @match field {
                Some(field) => mark class="value" id={ "m-" (field) } title=(field) { (lines(piece)) },
                None => (lines(piece)),
            }
        }
    }
}

/// Each metadata value with where it came from (header, file name, manifest); a value
/// read from the text links to where it stands, marked there.
fn metadata_table(d: &DocumentRecord, lang: Lang) -> Markup {
    let w = lang.words();
    let rows: Vec<(&str, String, String, bool)> = FIELDS
        .iter()
        .filter_map(|field| {
            let value = d.field(field.name)?.into_owned();
            let source = d
                .meta
                .sources
                .get(field.name)
                .map(|s| lang.source(&format!("{s:?}").to_lowercase()))
                .unwrap_or_default();
            Some((
                field.name,
                value,
                source,
                d.meta.spans.contains_key(field.name),
            ))
        })
        .collect();
    html! {
        h3 { (w.metadata) }
        table class="metadata" {
            @for (name, value, source, in_text) in &rows {
                tr {
                    th { (lang.field(name)) }
                    td {
                        (value)
                        div class="source" {
                            @if *in_text {
                                a href={ "#m-" (name) } title=(w.where_text_says) { (source) }
                            } @else {
                                (source)
                            }
                        }
                    }
                }
            }
            tr { th { (w.file) } td { (path_html(&d.path)) } }
        }
        p { a href={ "/api/doc/" (d.id) } { "JSON" } }
    }
}

/// `/docs`: the documents the filters admit, a page at a time.
pub(crate) async fn documents(
    State(app): State<Arc<App>>,
    Query(params): Query<Params>,
) -> Response {
    let frame = Frame::new("/docs", &params);
    answer(documents_page(&app, &params).await, &frame, || {
        form("/docs", &params, html! {})
    })
}

async fn documents_page(app: &Arc<App>, params: &Params) -> Result<Html<String>, Failure> {
    let frame = Frame::new("/docs", params);
    let (lang, w) = (frame.lang, frame.words());
    let (words, written) = params.terms(&app.limits)?;
    if let Some(word) = words.first() {
        return Err(Failure::Bad(format!(
            "{word}: the document list takes filters only (FIELD:VALUE)"
        )));
    }
    let filters = params.filters()?.and(&written);
    let first = (params.page() - 1) * DOCUMENTS_PER_PAGE;
    let (total, shown) = app
        .run(super::light, move |handle| {
            filters.check_fields(handle)?;
            let docs = handle.catalog.documents()?;
            let admitted: Vec<&Arc<DocumentRecord>> =
                docs.iter().filter(|d| filters.admits(d)).collect();
            let shown: Vec<DocumentRecord> = admitted
                .iter()
                .skip(first)
                .take(DOCUMENTS_PER_PAGE)
                .map(|d| (***d).clone())
                .collect();
            Ok((admitted.len(), shown))
        })
        .await?;
    let content = html! {
        main { div class="content" {
            (form("/docs", params, html! {}))
            (chips(params, "/docs"))
            p class="totals" { (lang.documents(total)) }
            div class="scroll" { table {
                tr { th { (w.document) } th { (w.values_from) } }
                @for d in &shown {
                    tr {
                        td {
                            a href=(frame.link(&format!("/doc/{}", d.id))) {
                                (d.meta.title.clone().unwrap_or_else(|| d.path.clone()))
                            }
                            div class="meta" { (meta_line(d, lang)) }
                        }
                        td { (sources(d, lang)) }
                    }
                }
            } }
            (pages(params, "/docs", total, DOCUMENTS_PER_PAGE))
            p { a href={ "/api/docs" (params.with("page", None)) } { "JSON" } }
        } }
    };
    Ok(page(&frame, w.nav_docs, "docs", content))
}

/// `标题 题头、日期 文件名、…` / `title header, date filename, …`: where each value came
/// from.
fn sources(d: &DocumentRecord, lang: Lang) -> String {
    d.meta
        .sources
        .iter()
        .map(|(field, source)| {
            format!(
                "{} {}",
                lang.field(field),
                lang.source(&format!("{source:?}").to_lowercase())
            )
        })
        .collect::<Vec<_>>()
        .join(if lang == Lang::Zh { "、" } else { ", " })
}
