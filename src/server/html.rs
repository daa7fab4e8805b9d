//! HTML for the pages: escaping (every piece of text a page shows goes through [`esc`]),
//! the page frame, highlighted text, the stylesheet and script, error pages.

use std::fmt::Write as _;

use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use super::Failure;
use super::i18n::{Lang, Words};
use super::params::Params;

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
    first_mark: Option<(usize, Lang)>,
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
            Some((first, lang)) => {
                let id = first + n;
                let w = lang.words();
                if id > 0 {
                    let _ = write!(
                        out,
                        "<a class=\"next\" href=\"#h{}\" title=\"{}\" data-label=\"‹\"></a>",
                        id - 1,
                        w.previous_hit
                    );
                }
                let _ = write!(
                    out,
                    "<mark id=\"h{id}\">{inner}</mark><a class=\"next\" href=\"#h{}\" title=\"{}\" data-label=\"›\"></a>",
                    id + 1,
                    w.next_hit
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

/// What frames a page: its language, the link to it in the other language.
pub(crate) struct Frame<'a> {
    pub lang: Lang,
    /// The page's own path (`/trend`, `/doc/12`), for the language link.
    pub path: &'a str,
    pub params: &'a Params,
}

impl<'a> Frame<'a> {
    pub fn new(path: &'a str, params: &'a Params) -> Frame<'a> {
        Frame {
            lang: params.lang(),
            path,
            params,
        }
    }

    pub fn words(&self) -> &'static Words {
        self.lang.words()
    }

    /// A link to another page, keeping the language (`/doc/12?lang=en`).
    pub fn link(&self, path: &str) -> String {
        format!("{path}{}", self.params.lang_only())
    }
}

/// A whole page: title, navigation (`active` marked) with the other language's link, the
/// content.
pub(crate) fn page(frame: &Frame<'_>, title: &str, active: &str, content: &str) -> Html<String> {
    let w = frame.words();
    let mut nav = String::new();
    for (href, name, label) in [
        ("/", "search", w.nav_search),
        ("/mentions", "mentions", w.nav_mentions),
        ("/trend", "trend", w.nav_trend),
        ("/docs", "docs", w.nav_docs),
    ] {
        let class = if name == active {
            " class=\"active\""
        } else {
            ""
        };
        let _ = write!(
            nav,
            "<a href=\"{}\"{class}>{label}</a>",
            esc(&frame.link(href))
        );
    }
    Html(format!(
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · gongwen</title><link rel=\"stylesheet\" href=\"/style.css\"></head>\
         <body><header><a class=\"brand\" href=\"{}\">公文 gongwen</a><nav>{nav}</nav>\
         <a class=\"lang\" href=\"{}\" lang=\"{}\">{}</a></header>\
         {content}<script src=\"/app.js\"></script></body></html>\n",
        w.html_lang,
        esc(title),
        esc(&frame.link("/")),
        esc(&frame.params.switch(frame.path)),
        if frame.lang == Lang::Zh {
            "en"
        } else {
            "zh-CN"
        },
        w.other
    ))
}

/// The error page of a failure, with its status; with the search box and the query
/// kept when the failure is a request's (`form`: the page's own form).
pub(crate) fn failure(failure: &Failure, frame: &Frame<'_>, form: &str) -> Response {
    let w = frame.words();
    let content = format!(
        "<main><div class=\"content\">{form}<h1>{}</h1><p class=\"error\">{}{}{}</p>\
         <p><a href=\"{}\">{}</a></p></div></main>",
        failure.status().as_u16(),
        w.error,
        w.separator,
        esc(&failure.message(frame.lang)),
        esc(&frame.link("/")),
        w.back
    );
    (failure.status(), page(frame, w.error, "", &content)).into_response()
}

/// An HTML answer, or the error page with the page's form (the query kept).
pub(crate) fn answer(
    result: Result<Html<String>, Failure>,
    frame: &Frame<'_>,
    form: impl FnOnce() -> String,
) -> Response {
    match result {
        Ok(html) => (StatusCode::OK, html).into_response(),
        Err(f) => failure(&f, frame, &form()),
    }
}
