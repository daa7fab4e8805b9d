//! HTML for the pages: the page frame, highlighted text, the stylesheet and script, error
//! pages. Pages are `maud` templates, compiled in: every value is escaped by
//! construction (`PreEscaped` wraps only this crate's constant markup, the hints).

use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use maud::{DOCTYPE, Markup, html};

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

/// A stretch of highlighted text: plain, or a match (numbered when it links to the
/// others).
enum Piece {
    Plain(String),
    Match(String, Option<usize>),
}

/// `text` (its line breaks shown) with the `[start, end)` character ranges marked; each
/// mark gets the id `h{n}`
/// from `first_mark` on (to jump to it), between links to the previous and the next
/// one (they work without JavaScript), titled in the page's language.
pub(crate) fn highlighted(
    text: &str,
    ranges: &[(usize, usize)],
    first_mark: Option<(usize, Lang)>,
) -> Markup {
    let chars: Vec<char> = text.chars().collect();
    let mut pieces = Vec::new();
    let mut at = 0;
    for (n, &(start, end)) in ranges.iter().enumerate() {
        let (start, end) = (start.min(chars.len()), end.min(chars.len()));
        if start < at {
            continue;
        }
        pieces.push(Piece::Plain(chars[at..start].iter().collect()));
        pieces.push(Piece::Match(
            chars[start..end].iter().collect(),
            first_mark.map(|(first, _)| first + n),
        ));
        at = end;
    }
    pieces.push(Piece::Plain(chars[at.min(chars.len())..].iter().collect()));
    let w = first_mark.map_or(Lang::Zh, |(_, lang)| lang).words();
    html! {
        @for piece in &pieces {
            @match piece {
                Piece::Plain(text) => (lines(text)),
                Piece::Match(text, None) => mark { (lines(text)) },
                Piece::Match(text, Some(id)) => {
                    @if *id > 0 {
                        a class="next" href={ "#h" (id - 1) } title=(w.previous_hit) data-label="‹" {}
                    }
                    mark id={ "h" (id) } { (lines(text)) }
                    a class="next" href={ "#h" (id + 1) } title=(w.next_hit) data-label="›" {}
                }
            }
        }
    }
}

/// Text whose line breaks are shown (`<br>`), each line escaped.
pub(crate) fn lines(text: &str) -> Markup {
    html! {
        @for (i, line) in text.split('\n').enumerate() {
            @if i > 0 { br; }
            (line)
        }
    }
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
pub(crate) fn page(frame: &Frame<'_>, title: &str, active: &str, content: Markup) -> Html<String> {
    let w = frame.words();
    let other = if frame.lang == Lang::Zh {
        "en"
    } else {
        "zh-CN"
    };
    // The pages of a term take the term along (search 新质生产力, then its trend, its
    // spread); keywords compare filters, not text, and the documents list stands alone.
    let nav = [
        ("/", "search", w.nav_search, true),
        ("/mentions", "mentions", w.nav_mentions, true),
        ("/trend", "trend", w.nav_trend, true),
        ("/keywords", "keywords", w.nav_keywords, false),
        ("/new", "new", w.nav_new, false),
        ("/collocates", "collocates", w.nav_collocates, true),
        ("/spread", "spread", w.nav_spread, true),
        ("/reuse", "reuse", w.nav_reuse, false),
        ("/docs", "docs", w.nav_docs, false),
    ];
    let carried = frame.params.query_only();
    let term_page = ["search", "mentions", "trend", "collocates", "spread"].contains(&active);
    let markup = html! {
        (DOCTYPE)
        html lang=(w.html_lang) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · gongwen" }
                link rel="stylesheet" href="/style.css";
            }
            body {
                header {
                    a class="brand" href=(frame.link("/")) { "公文 gongwen" }
                    nav {
                        @for (href, name, label, of_term) in nav {
                            @let link = if of_term && term_page && frame.params.value("q").is_some() {
                                format!("{href}{carried}")
                            } else {
                                frame.link(href)
                            };
                            a href=(link) class=[(name == active).then_some("active")] { (label) }
                        }
                    }
                    a class="lang" href=(frame.params.switch(frame.path)) lang=(other) { (w.other) }
                }
                (content)
                script src="/app.js" {}
            }
        }
    };
    Html(markup.into_string())
}

/// The error page of a failure, with its status; with the search box and the query
/// kept when the failure is a request's (`form`: the page's own form).
pub(crate) fn failure(failure: &Failure, frame: &Frame<'_>, form: Markup) -> Response {
    let w = frame.words();
    let content = html! {
        main {
            div class="content" {
                (form)
                h1 { (failure.status().as_u16()) }
                p class="error" { (w.error) (w.separator) (failure.message(frame.lang)) }
                p { a href=(frame.link("/")) { (w.back) } }
            }
        }
    };
    (failure.status(), page(frame, w.error, "", content)).into_response()
}

/// An HTML answer, or the error page with the page's form (the query kept).
pub(crate) fn answer(
    result: Result<Html<String>, Failure>,
    frame: &Frame<'_>,
    form: impl FnOnce() -> Markup,
) -> Response {
    match result {
        Ok(html) => (StatusCode::OK, html).into_response(),
        Err(f) => failure(&f, frame, form()),
    }
}

/// An SVG chart as the answer, or the failure as the page of `path` shows it (with its
/// form): a chart is an image, so it can run nothing a term might hold.
pub(crate) fn svg_answer(
    svg: Result<String, Failure>,
    path: &str,
    params: &Params,
    form: impl FnOnce() -> Markup,
) -> Response {
    match svg {
        Ok(svg) => (
            [(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")],
            svg,
        )
            .into_response(),
        Err(f) => failure(&f, &Frame::new(path, params), form()),
    }
}
