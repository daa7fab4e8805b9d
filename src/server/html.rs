//! HTML for the pages: escaping (every piece of text a page shows goes through [`esc`]),
//! the page frame, highlighted text, the stylesheet and script, error pages.

use std::fmt::Write as _;

use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use super::Failure;

const STYLE: &str = include_str!("style.css");
const SCRIPT: &str = include_str!("app.js");

pub(crate) async fn style() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE).into_response()
}

pub(crate) async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        SCRIPT,
    )
        .into_response()
}

/// Text made safe for HTML content and attribute values.
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `text` escaped, with the `[start, end)` character ranges marked; each mark gets the
/// id `h{n}` from `first_mark` on (to jump to it), between links to the previous and the
/// next one (they work without JavaScript).
pub(crate) fn highlighted(
    text: &str,
    ranges: &[(usize, usize)],
    first_mark: Option<usize>,
) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut at = 0;
    for (n, &(start, end)) in ranges.iter().enumerate() {
        let (start, end) = (start.min(chars.len()), end.min(chars.len()));
        if start < at {
            continue;
        }
        out.push_str(&esc(&chars[at..start].iter().collect::<String>()));
        let inner = esc(&chars[start..end].iter().collect::<String>());
        match first_mark {
            Some(first) => {
                let id = first + n;
                if id > 0 {
                    let _ = write!(
                        out,
                        "<a class=\"next\" href=\"#h{}\" title=\"previous hit\" data-label=\"‹\"></a>",
                        id - 1
                    );
                }
                let _ = write!(
                    out,
                    "<mark id=\"h{id}\">{inner}</mark><a class=\"next\" href=\"#h{}\" title=\"next hit\" data-label=\"›\"></a>",
                    id + 1
                );
            }
            None => {
                let _ = write!(out, "<mark>{inner}</mark>");
            }
        }
        at = end;
    }
    out.push_str(&esc(&chars[at.min(chars.len())..]
        .iter()
        .collect::<String>()));
    out
}

/// A whole page: title, navigation (`active` marked), the content.
pub(crate) fn page(title: &str, active: &str, content: &str) -> Html<String> {
    let mut nav = String::new();
    for (href, name, label) in [
        ("/", "search", "Search 检索"),
        ("/mentions", "mentions", "Mentions 提及"),
        ("/trend", "trend", "Trend 趋势"),
        ("/docs", "docs", "Documents 文档"),
    ] {
        let class = if name == active {
            " class=\"active\""
        } else {
            ""
        };
        let _ = write!(nav, "<a href=\"{href}\"{class}>{label}</a>");
    }
    Html(format!(
        "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · gongwen</title><link rel=\"stylesheet\" href=\"/style.css\"></head>\
         <body><header><a class=\"brand\" href=\"/\">公文 gongwen</a><nav>{nav}</nav></header>\
         {content}<script src=\"/app.js\"></script></body></html>\n",
        esc(title)
    ))
}

/// The error page of a failure, with its status.
pub(crate) fn failure(failure: &Failure) -> Response {
    let content = format!(
        "<main><div class=\"content\"><h1>{}</h1><p class=\"error\">{}</p>\
         <p><a href=\"/\">Back to search</a></p></div></main>",
        failure.status().as_u16(),
        esc(&failure.message())
    );
    (failure.status(), page("Error", "", &content)).into_response()
}

/// An HTML answer, or the error page.
pub(crate) fn answer(result: Result<Html<String>, Failure>) -> Response {
    match result {
        Ok(html) => (StatusCode::OK, html).into_response(),
        Err(f) => failure(&f),
    }
}
