//! The keywords page: a target and a reference set of documents, each a set of filters,
//! and the words each uses more than the other, with their statistics (`research`),
//! linking to the downloads `gongwen keywords` gives.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::{Html, Response};
use maud::{Markup, PreEscaped, html};

use super::html::{Frame, answer, page};
use super::i18n::Lang;
use super::pages::examples;
use super::params::Params;
use super::{App, Failure};
use crate::research::{Keyword, KeywordOptions, keywords_of};

/// Keywords shown in each direction.
const SHOWN: usize = 50;

/// `/keywords?q=TARGET&vs=REFERENCE`: the keywords of the target against the reference.
pub(crate) async fn keywords(
    State(app): State<Arc<App>>,
    Query(params): Query<Params>,
) -> Response {
    let frame = Frame::new("/keywords", &params);
    answer(keywords_page(&app, &params).await, &frame, || {
        keywords_form(&params)
    })
}

/// Two boxes: the target's filters and the reference's.
fn keywords_form(params: &Params) -> Markup {
    let w = params.lang().words();
    let lang = params.lang().param();
    html! {
        form class="query" action="/keywords" method="get" {
            label class="side" for="target" { (w.target) }
            input id="target" type="search" name="q" value=(params.value("q").unwrap_or(""))
                placeholder="year:2024 doc_type:政府工作报告" autofocus[params.value("q").is_none()];
            label class="side" for="reference" { (w.reference) }
            input id="reference" type="search" name="vs" value=(params.value("vs").unwrap_or(""))
                placeholder=(w.rest_of_corpus);
            @if let Some(l) = lang { input type="hidden" name="lang" value=(l); }
            button type="submit" { (w.search_button) }
        }
        p class="hint" { (PreEscaped(w.keyword_note)) }
    }
}

async fn keywords_page(app: &Arc<App>, params: &Params) -> Result<Html<String>, Failure> {
    let frame = Frame::new("/keywords", params);
    let (lang, w) = (frame.lang, frame.words());
    if params.value("q").is_none() && params.value("vs").is_none() {
        let example = Params {
            vs: Some("year:2014 doc_type:政府工作报告".into()),
            lang: lang.param().map(str::to_string),
            ..Params::default()
        };
        let content = html! {
            main { div class="content" {
                (keywords_form(params))
                p { (w.start_keywords) " " (examples(&example, "/keywords", &["year:2024 doc_type:政府工作报告"])) "。" }
            } }
        };
        return Ok(page(&frame, w.nav_keywords, "keywords", content));
    }
    let (target, reference) = params.keyword_sides(&app.limits)?;
    let found = app
        .run(super::heavy, move |handle| {
            target.check_fields(handle)?;
            if let Some(r) = &reference {
                r.check_fields(handle)?;
            }
            keywords_of(
                handle,
                &target,
                reference.as_ref(),
                &KeywordOptions::default(),
            )
        })
        .await?;
    let q = params.with("page", None);
    let side = |k: usize| {
        format!(
            "{}：{}，{}",
            [w.target, w.reference][k],
            lang.documents(found.documents[k]),
            lang.number(found.tokens[k] as usize)
        )
    };
    let content = html! {
        main { div class="content" {
            (keywords_form(params))
            p class="totals" {
                (side(0)) " " (w.word) " · " (side(1)) " " (w.word)
                @if params.value("vs").is_none() { "（" (w.rest_of_corpus) "）" }
            }
            p {
                (w.download) (w.separator)
                a href={ "/api/keywords" (q) "&format=csv" } { "CSV" } " · "
                a href={ "/api/keywords" (q) } { "JSON" }
            }
            h3 { (w.positive) "（" (lang.number(found.positive.len())) "）" }
            div class="scroll" { (table(&found.positive, params)) }
            h3 { (w.negative) "（" (lang.number(found.negative.len())) "）" }
            div class="scroll" { (table(&found.negative, params)) }
        } }
    };
    Ok(page(&frame, w.nav_keywords, "keywords", content))
}

/// A statistic as printed: two decimals, a huge one in scientific notation.
fn stat(x: f64) -> String {
    if x.abs() >= 1e9 {
        format!("{x:.2e}")
    } else {
        format!("{x:.2}")
    }
}

/// The first keywords of one direction; each word links to its mentions in both sides.
fn table(list: &[Keyword], params: &Params) -> Markup {
    let lang = params.lang();
    let w = lang.words();
    let heads = [
        w.target,
        w.documents,
        w.per_10k_words,
        w.reference,
        w.documents,
        w.per_10k_words,
        "G²",
        w.log_ratio,
        "%DIFF",
        "BIC",
        w.simple_maths,
    ];
    if list.is_empty() {
        return html! { p class="count" { "—" } };
    }
    html! {
        table {
            caption { (w.made_with) (w.separator) code class="query" { (params.made_with()) } }
            tr { th { "#" } th { (w.word) } @for h in heads { th class="n" { (h) } } }
            @for (i, k) in list.iter().take(SHOWN).enumerate() {
                tr {
                    td class="n" { (i + 1) }
                    td class="word" { a href=(mentions_link(&k.word, lang)) { (k.word) } }
                    td class="n" { (lang.number(k.freq[0] as usize)) }
                    td class="n" { (k.docs[0]) }
                    td class="n" { (format!("{:.3}", k.per_10k[0])) }
                    td class="n" { (lang.number(k.freq[1] as usize)) }
                    td class="n" { (k.docs[1]) }
                    td class="n" { (format!("{:.3}", k.per_10k[1])) }
                    td class="n" { (stat(k.g2)) }
                    td class="n" { (stat(k.log_ratio)) }
                    td class="n" { (stat(k.pct_diff)) }
                    td class="n" { (stat(k.bic)) }
                    td class="n" { (stat(k.simple_maths)) }
                }
            }
        }
    }
}

/// The mentions page of a word, by year, in the page's language.
fn mentions_link(word: &str, lang: Lang) -> String {
    let params = Params {
        q: Some(word.to_string()),
        lang: lang.param().map(str::to_string),
        ..Params::default()
    };
    format!("/mentions{}", params.with("page", None))
}
