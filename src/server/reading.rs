//! The reading pages: one document with every hit of the query highlighted and a link
//! per passage, and the list of documents with where each value came from.

use std::fmt::Write as _;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::response::{Html, Response};

use super::html::{Frame, answer, esc, highlighted, page};
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
        form(&path, &params, "")
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
    let found = if literals_given(params) && hits > 0 {
        format!(
            "<p class=\"totals\">{}{}<a href=\"#h0\">{}</a>{}</p>",
            lang.hits_in_document(hits),
            w.separator,
            w.first_hit,
            w.keys
        )
    } else if literals_given(params) {
        format!("<p class=\"totals\">{}</p>", w.not_in_document)
    } else {
        String::new()
    };
    let content = format!(
        "<main><div class=\"content\">{}<h1>{}</h1><p class=\"meta\">{} · <a class=\"cite\" href=\"{}\">{}</a></p>{found}\
         <div class=\"doc-text\">{}</div></div><aside>{}</aside></main>",
        form(&path, params, ""),
        esc(&title),
        meta_line(&record, lang),
        esc(&cite_link(id, None, params)),
        w.cite_document,
        text(id, &passages, &value_marks(&record, &passages), params),
        metadata_table(&record, lang)
    );
    Ok(page(&frame, &title, "", &content))
}

fn literals_given(params: &Params) -> bool {
    params.value("q").is_some()
}

/// The header's lines as written (anchor `head`), then the passages, each a paragraph
/// with its anchor `p{n}`; marks numbered through the document so that each links to
/// the next.
fn text(id: u64, passages: &[DocumentPassage], values: &[ValueMark], params: &Params) -> String {
    let lang = params.lang();
    let w = lang.words();
    let mut out = String::new();
    let mut marks = 0;
    let header = passages.iter().filter(|p| p.passage == HEADER_PASSAGE);
    let body = passages.iter().filter(|p| p.passage != HEADER_PASSAGE);
    for p in header.chain(body) {
        let (id, label, cite) = if p.passage == HEADER_PASSAGE {
            ("head".to_string(), w.head.to_string(), String::new())
        } else {
            // Drawn from data-label, like the number: a quotation copied from the page
            // holds the document's characters only.
            let cite = format!(
                "<a class=\"pcite\" href=\"{}\" title=\"{}\" data-label=\"{}\"></a>",
                esc(&cite_link(id, Some(p.passage), params)),
                w.cite_passage,
                w.cite
            );
            (format!("p{}", p.passage), format!("¶{}", p.passage), cite)
        };
        let class = if p.passage == HEADER_PASSAGE {
            " class=\"doc-head\""
        } else {
            ""
        };
        let here: Vec<&ValueMark> = values.iter().filter(|v| v.passage == p.passage).collect();
        // The values read from this passage are marked where no hit of the query is.
        let shown = if p.highlights.is_empty() && !here.is_empty() {
            value_marked(&p.text, &here)
        } else {
            highlighted(&p.text, &p.highlights, Some((marks, lang)))
        };
        let _ = write!(
            out,
            "<p id=\"{id}\"{class}><a class=\"pn\" href=\"#{id}\" title=\"{}\" \
             data-label=\"{label}\"></a>{}{cite}</p>",
            w.link_to_passage,
            shown.replace('\n', "<br>"),
        );
        marks += p.highlights.len();
    }
    out
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

/// `text` with the values read from it marked (`id="m-speaker"`), escaped.
fn value_marked(text: &str, marks: &[&ValueMark]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut sorted: Vec<&&ValueMark> = marks.iter().collect();
    sorted.sort_by_key(|m| (m.start, m.end));
    let (mut out, mut at) = (String::new(), 0);
    for m in sorted {
        let (start, end) = (m.start.min(chars.len()), m.end.min(chars.len()));
        if start < at {
            continue;
        }
        out.push_str(&esc(&chars[at..start].iter().collect::<String>()));
        let _ = write!(
            out,
            "<mark class=\"value\" id=\"m-{0}\" title=\"{0}\">{1}</mark>",
            m.field,
            esc(&chars[start..end].iter().collect::<String>())
        );
        at = end;
    }
    out.push_str(&esc(&chars[at.min(chars.len())..]
        .iter()
        .collect::<String>()));
    out
}

/// Each metadata value with where it came from (header, file name, manifest).
fn metadata_table(d: &DocumentRecord, lang: Lang) -> String {
    let w = lang.words();
    let mut rows = String::new();
    for field in FIELDS {
        if let Some(value) = d.field(field.name) {
            let source = d
                .meta
                .sources
                .get(field.name)
                .map(|s| lang.source(&format!("{s:?}").to_lowercase()))
                .unwrap_or_default();
            // Read from the text: a link to where it stands, marked there.
            let source = match d.meta.spans.get(field.name) {
                Some(_) => format!(
                    "<a href=\"#m-{}\" title=\"{}\">{}</a>",
                    field.name,
                    w.where_text_says,
                    esc(&source)
                ),
                None => esc(&source),
            };
            let _ = write!(
                rows,
                "<tr><th>{}</th><td>{}<div class=\"source\">{source}</div></td></tr>",
                esc(&lang.field(field.name)),
                esc(&value),
            );
        }
    }
    format!(
        "<h3>{}</h3><table class=\"metadata\">{rows}<tr><th>{}</th><td>{}</td></tr></table>\
         <p><a href=\"/api/doc/{}\">JSON</a></p>",
        w.metadata,
        w.file,
        path_html(&d.path),
        d.id
    )
}

/// `/docs`: the documents the filters admit, a page at a time.
pub(crate) async fn documents(
    State(app): State<Arc<App>>,
    Query(params): Query<Params>,
) -> Response {
    let frame = Frame::new("/docs", &params);
    answer(documents_page(&app, &params).await, &frame, || {
        form("/docs", &params, "")
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
    let mut rows = String::new();
    for d in &shown {
        let title = d.meta.title.clone().unwrap_or_else(|| d.path.clone());
        let _ = write!(
            rows,
            "<tr><td><a href=\"{}\">{}</a><div class=\"meta\">{}</div></td><td>{}</td></tr>",
            esc(&frame.link(&format!("/doc/{}", d.id))),
            esc(&title),
            meta_line(d, lang),
            esc(&sources(d, lang))
        );
    }
    let content = format!(
        "<main><div class=\"content\">{}{}<p class=\"totals\">{}</p>\
         <div class=\"scroll\"><table><tr><th>{}</th><th>{}</th></tr>{rows}</table></div>{}\
         <p><a href=\"/api/docs{}\">JSON</a></p></div></main>",
        form("/docs", params, ""),
        chips(params, "/docs"),
        lang.documents(total),
        w.document,
        w.values_from,
        pages(params, "/docs", total, DOCUMENTS_PER_PAGE),
        esc(&params.with("page", None))
    );
    Ok(page(&frame, w.nav_docs, "docs", &content))
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
