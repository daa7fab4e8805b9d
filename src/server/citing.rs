//! The cite page: a document or one of its passages as a reference to paste into a
//! paper (GB/T 7714—2015 and plain text, `output::cite`), with the stable link that opens
//! the document at the passage.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{Html, Response};

use super::html::{Frame, answer, esc, page};
use super::pages::{form, meta_line};
use super::params::Params;
use super::{App, Failure};
use crate::output::cite::{self, CiteTarget};

/// `/cite/{id}?p=N`: the citations of document `id` (of its passage `N`).
pub(crate) async fn cite(
    State(app): State<Arc<App>>,
    Path(id): Path<u64>,
    Query(params): Query<Params>,
    headers: HeaderMap,
) -> Response {
    let path = format!("/cite/{id}");
    let frame = Frame::new(&path, &params);
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost")
        .to_string();
    answer(cite_page(&app, id, &params, &host).await, &frame, || {
        form("/", &params, "")
    })
}

async fn cite_page(
    app: &Arc<App>,
    id: u64,
    params: &Params,
    host: &str,
) -> Result<Html<String>, Failure> {
    let path = format!("/cite/{id}");
    let frame = Frame::new(&path, params);
    let (lang, w) = (frame.lang, frame.words());
    let wanted = params.passage;
    let (record, text) = app
        .run(super::light, move |handle| {
            let Some(record) = handle.catalog.find_document(id)? else {
                return Ok(None);
            };
            let text = match wanted {
                Some(n) => crate::search::document_text(handle, id, &[], false)?
                    .into_iter()
                    .find(|p| p.passage == n)
                    .map(|p| p.text),
                None => None,
            };
            Ok(Some((record, text)))
        })
        .await?
        .ok_or_else(|| Failure::NotFound(format!("no document {id}")))?;
    if let (Some(n), None) = (wanted, &text) {
        return Err(Failure::NotFound(format!(
            "no passage {n} in document {id}"
        )));
    }
    let anchor = wanted.map(|n| format!("#p{n}")).unwrap_or_default();
    let url = format!("http://{host}/doc/{id}{anchor}");
    let target = CiteTarget {
        passage: wanted.zip(text.as_deref()),
        url: &url,
        accessed: cite::today(),
        chinese: lang == super::i18n::Lang::Zh,
    };
    let heading = if wanted.is_some() {
        w.cite_passage
    } else {
        w.cite_document
    };
    let quoted = match &target.passage {
        Some((n, t)) => format!(
            "<blockquote><a href=\"{}\">{}</a> {}</blockquote>",
            esc(&(frame.link(&format!("/doc/{id}")) + &anchor)),
            lang.passage(*n),
            esc(t)
        ),
        None => String::new(),
    };
    let title = crate::output::title(&record).to_string();
    let content = format!(
        "<main><div class=\"content\"><h1>{heading}</h1><p><a href=\"{}\">{}</a></p>\
         <p class=\"meta\">{}</p>{quoted}\
         <h3><label for=\"gbt\">{}</label></h3><textarea id=\"gbt\" class=\"citation\" rows=\"3\" readonly>{}</textarea>\
         <h3><label for=\"plain\">{}</label></h3><textarea id=\"plain\" class=\"citation\" rows=\"5\" readonly>{}</textarea>\
         <p class=\"hint\">{}</p></div></main>",
        esc(&(frame.link(&format!("/doc/{id}")) + &anchor)),
        esc(&title),
        meta_line(&record, lang),
        w.gbt,
        esc(&cite::gbt7714(&record, &target)),
        w.plain,
        esc(&cite::plain(&record, &target)),
        w.cite_note
    );
    Ok(page(&frame, heading, "", &content))
}
