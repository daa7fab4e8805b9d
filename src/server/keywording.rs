//! The research pages: keywords (a target and a reference set of documents, each a set
//! of filters, and the words each uses more than the other) and collocates (the words
//! around a term's occurrences), with their statistics (`research`), linking to the
//! downloads `gongwen keywords` and `gongwen collocates` give.

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
    super::pages::two_sets_form(
        "/keywords",
        params,
        (w.target, "year:2024 doc_type:政府工作报告"),
        (w.reference, w.rest_of_corpus),
        w.keyword_note,
    )
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
pub(crate) fn mentions_link(word: &str, lang: Lang) -> String {
    let params = Params {
        q: Some(word.to_string()),
        lang: lang.param().map(str::to_string),
        ..Params::default()
    };
    format!("/mentions{}", params.with("page", None))
}

/// Words on each side of an occurrence, on the collocates page.
const WINDOW: usize = 5;

/// `/collocates?q=TERM [filters]`: the words within five words of the term's
/// occurrences, strongest logDice first; each links to the passages holding both.
pub(crate) async fn collocates(
    State(app): State<Arc<App>>,
    Query(params): Query<Params>,
) -> Response {
    let frame = Frame::new("/collocates", &params);
    answer(collocates_page(&app, &params).await, &frame, || {
        super::pages::form("/collocates", &params, html! {})
    })
}

/// The term and filters of a collocates page (one term).
pub(crate) fn collocate_node(
    app: &App,
    params: &Params,
) -> Result<Option<(String, crate::search::Filters)>, Failure> {
    let Some((terms, filters)) = super::counting::asked(app, params)? else {
        return Ok(None);
    };
    match terms.as_slice() {
        [term] => Ok(Some((term.clone(), filters))),
        _ => Err(Failure::Bad(
            "collocates takes one term (then filters, FIELD:VALUE)".into(),
        )),
    }
}

async fn collocates_page(app: &Arc<App>, params: &Params) -> Result<Html<String>, Failure> {
    let frame = Frame::new("/collocates", params);
    let (lang, w) = (frame.lang, frame.words());
    let form = super::pages::form("/collocates", params, html! {});
    let Some((term, filters)) = collocate_node(app, params)? else {
        let content = html! {
            main { div class="content" {
                (form)
                p { (w.start_collocates) " " (examples(params, "/collocates", &["新质生产力", "营商环境"])) "。" }
            } }
        };
        return Ok(page(&frame, w.nav_collocates, "collocates", content));
    };
    let node = term.clone();
    let found = app
        .run(super::heavy, move |handle| {
            filters.check_fields(handle)?;
            let entity = crate::search::aliases::Aliases::of_corpus(handle)?.entity(&node);
            crate::research::collocates(handle, &entity, &filters, WINDOW, 2)
        })
        .await?;
    let q = params.with("page", None);
    let heads = [
        w.joint,
        w.left,
        w.right,
        w.frequency,
        "logDice",
        "MI",
        "T",
        "G²",
    ];
    let content = html! {
        main { div class="content" {
            (form)
            p class="hint" { (PreEscaped(w.collocate_note)) }
            p class="totals" {
                (term) " · " (w.collocates_of) " · " (lang.occurrences(found.occurrences as usize))
            }
            p {
                (w.download) (w.separator)
                a href={ "/api/collocates" (q) "&format=csv" } { "CSV" } " · "
                a href={ "/api/collocates" (q) } { "JSON" }
            }
            @if found.collocates.is_empty() {
                p class="count" { "—" }
            } @else {
                div class="scroll" { table {
                    caption { (w.made_with) (w.separator) code class="query" { (params.made_with()) } }
                    tr { th { "#" } th { (w.collocate) } @for h in heads { th class="n" { (h) } } }
                    @for (i, c) in found.collocates.iter().take(SHOWN).enumerate() {
                        tr {
                            td class="n" { (i + 1) }
                            td class="word" { a href=(pair_link(&term, &c.word, lang)) { (c.word) } }
                            td class="n" { (c.joint) }
                            td class="n" { (c.left) }
                            td class="n" { (c.right) }
                            td class="n" { (lang.number(c.frequency as usize)) }
                            td class="n" { (stat(c.log_dice)) }
                            td class="n" { (stat(c.mi)) }
                            td class="n" { (stat(c.t_score)) }
                            td class="n" { (stat(c.log_likelihood)) }
                        }
                    }
                } }
            }
        } }
    };
    Ok(page(&frame, &term, "collocates", content))
}

/// The concordance of the pair: the term's lines with the collocate within the window,
/// in the page's language.
fn pair_link(term: &str, collocate: &str, lang: Lang) -> String {
    let params = Params {
        q: Some(term.to_string()),
        near: Some(collocate.to_string()),
        lang: lang.param().map(str::to_string),
        ..Params::default()
    };
    format!("/mentions{}", params.with("page", None))
}
