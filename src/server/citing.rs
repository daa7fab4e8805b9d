//! The cite page: a document or one of its passages as a reference to paste into a
//! paper (GB/T 7714—2015 and plain text, `output::cite`), with the stable link that opens
//! the document at the passage.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{Html, Response};

use maud::html;

use super::html::{Frame, answer, page};
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
        form("/", &params, html! {})
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
    let at = frame.link(&format!("/doc/{id}")) + &anchor;
    let content = html! {
        main { div class="content" {
            h1 { (heading) }
            p { a href=(at) { (crate::output::title(&record)) } }
            p class="meta" { (meta_line(&record, lang)) }
            @if let Some((n, t)) = target.passage {
                blockquote { a href=(at) { (lang.passage(n)) } " " (t) }
            }
            h3 { label for="gbt" { (w.gbt) } }
            textarea id="gbt" class="citation" rows="3" readonly { (cite::gbt7714(&record, &target)) }
            h3 { label for="plain" { (w.plain) } }
            textarea id="plain" class="citation" rows="5" readonly { (cite::plain(&record, &target)) }
            p class="hint" { (w.cite_note) }
        } }
    };
    Ok(page(&frame, heading, "", content))
}
