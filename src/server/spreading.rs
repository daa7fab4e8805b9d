//! The spread page: how a term travelled between issuing bodies, speakers, provinces or
//! kinds of document — the chart `gongwen spread --svg` draws, then the table (each
//! group's first use linking to its document, its lag, counts and rate; any group can be
//! made the one lags count from) — and the chart itself as an image.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::{Html, Response};
use maud::{Markup, PreEscaped, html};

use super::html::{Frame, answer, page};
use super::i18n::Lang;
use super::pages::{chips, examples, form, select};
use super::params::Params;
use super::{App, Failure};
use crate::research::{GroupField, Spread, SpreadGroup};
use crate::search::Filters;

/// The groupings the page offers (any metadata field works in the API).
const GROUPINGS: [&str; 5] = ["body", "speaker", "province", "doc_type", "level"];

/// What a spread page or call asks: the term, its filters, the grouping and the lead.
pub(crate) struct Asked {
    pub term: String,
    pub filters: Filters,
    pub by: GroupField,
    pub lead: Option<String>,
}

/// The term (one), filters, grouping (`by`, default body) and lead of a request.
pub(crate) fn asked(app: &App, params: &Params) -> Result<Option<Asked>, Failure> {
    let Some((terms, filters)) = super::counting::asked(app, params)? else {
        return Ok(None);
    };
    let [term] = terms.as_slice() else {
        return Err(Failure::Bad(
            "spread takes one term (then filters, FIELD:VALUE)".into(),
        ));
    };
    Ok(Some(Asked {
        term: term.clone(),
        filters,
        by: GroupField::named(params.value("by").unwrap_or("body")),
        lead: params.value("lead").map(str::to_string),
    }))
}

/// The spread asked for, computed on the blocking pool.
pub(crate) async fn computed(app: &Arc<App>, asked: Asked) -> Result<Spread, Failure> {
    app.run(super::heavy, move |handle| {
        asked.filters.check_fields(handle)?;
        if let GroupField::Field(name) = &asked.by {
            crate::search::check_field_names(handle, [name.as_str()])?;
        }
        let entity = crate::search::aliases::Aliases::of_corpus(handle)?.entity(&asked.term);
        crate::research::spread(
            handle,
            &entity,
            &asked.filters,
            &asked.by,
            asked.lead.as_deref(),
        )
    })
    .await
}

/// `/spread`: the chart and the table.
pub(crate) async fn spread(State(app): State<Arc<App>>, Query(params): Query<Params>) -> Response {
    let frame = Frame::new("/spread", &params);
    answer(spread_page(&app, &params).await, &frame, || {
        spread_form(&params)
    })
}

fn spread_form(params: &Params) -> Markup {
    let lang = params.lang();
    let labels: Vec<(&str, String)> = GROUPINGS.iter().map(|g| (*g, lang.field(g))).collect();
    let choices: Vec<(&str, &str)> = labels.iter().map(|(g, l)| (*g, l.as_str())).collect();
    let by = select(
        "by",
        &lang.field("body"),
        &choices,
        params.value("by").unwrap_or("body"),
    );
    form("/spread", params, by)
}

async fn spread_page(app: &Arc<App>, params: &Params) -> Result<Html<String>, Failure> {
    let frame = Frame::new("/spread", params);
    let (lang, w) = (frame.lang, frame.words());
    let Some(asked) = asked(app, params)? else {
        let content = html! {
            main { div class="content" {
                (spread_form(params))
                p { (w.start_spread) " " (examples(params, "/spread", &["新质生产力", "营商环境"])) "。" }
            } }
        };
        return Ok(page(&frame, w.nav_spread, "spread", content));
    };
    let term = asked.term.clone();
    let found = computed(app, asked).await?;
    let q = params.with("page", None);
    let made_with = caption(params, &found, lang);
    let users = found.users().count();
    let content = html! {
        main { div class="content" {
            (spread_form(params))
            (chips(params, "/spread"))
            figure {
                img class="chart" src={ "/spread.svg" (q) } alt={ (w.chart) (w.separator) (made_with) };
                figcaption { (w.made_with) (w.separator) code class="query" { (made_with) } }
            }
            p class="totals" { (summary(lang, &found, users)) }
            p {
                (w.download) (w.separator)
                a href={ "/spread.svg" (q) } { "SVG" } " · "
                a href={ "/api/spread" (q) "&format=csv" } { "CSV" } " · "
                a href={ "/api/spread" (q) } { "JSON" }
            }
            (rows(&found, &term, params))
            p class="hint" { (PreEscaped(w.spread_note)) }
        } }
    };
    Ok(page(&frame, &term, "spread", content))
}

/// The query and filters, with the grouping and the lead, in `lang`.
fn caption(params: &Params, found: &Spread, lang: Lang) -> String {
    let by = lang.field(&found.by);
    let lead = params.value("lead");
    match lang {
        Lang::Zh => {
            let lead = lead.map(|l| format!("，参照 {l}")).unwrap_or_default();
            format!("{}（按{by}{lead}）", params.made_with())
        }
        Lang::En => {
            let lead = lead.map(|l| format!(", lags from {l}")).unwrap_or_default();
            format!("{} (by {by}{lead})", params.made_with())
        }
    }
}

/// `35 个发文机关组中 32 个使用过；滞后自 国务院 首次使用起算`.
fn summary(lang: Lang, found: &Spread, users: usize) -> String {
    let by = lang.field(&found.by);
    let (all, users) = (lang.number(found.groups.len()), lang.number(users));
    let lead = found.reference.as_deref().unwrap_or("—");
    match (lang, found.reference_used) {
        (Lang::Zh, true) => {
            format!("{all} 组（{by}）中 {users} 组使用过；滞后自 {lead} 首次使用起算")
        }
        (Lang::Zh, false) => format!("{all} 组（{by}）中 {users} 组使用过；{lead} 未使用，无滞后"),
        (Lang::En, true) => {
            format!("{users} of {all} groups ({by}) used it; lags from {lead}'s first use")
        }
        (Lang::En, false) => {
            format!("{users} of {all} groups ({by}) used it; {lead} never used it: no lags")
        }
    }
}

/// The table: a row per group, users first.
fn rows(found: &Spread, term: &str, params: &Params) -> Markup {
    let lang = params.lang();
    let w = lang.words();
    html! {
        div class="scroll" { table {
            caption { (w.made_with) (w.separator) code class="query" { (caption(params, found, lang)) } }
            tr {
                th { "#" } th { (lang.field(&found.by)) } th { (w.first_use) } th class="n" { (w.lag) }
                th class="n" { (w.occurrences) } th class="n" { (w.documents) }
                th class="n" { (w.group_documents) } th class="n" { (w.per_10k) }
            }
            @for (i, g) in found.groups.iter().enumerate() {
                tr {
                    td class="n" { (i + 1) }
                    td { (group_cell(g, found, term, params)) }
                    td { (first_cell(g, term, lang)) }
                    td class="n" { (lang.lag(g.lag_days, g.lag_years)) }
                    td class="n" { (lang.number(g.occurrences)) }
                    td class="n" { (lang.number(g.documents)) }
                    td class="n" { (lang.number(g.group_documents)) }
                    td class="n" { @if let Some(r) = g.per_10k { (format!("{r:.2}")) } }
                }
            }
        } }
    }
}

/// The group's name — linking to its mentions where the group is a filter — and, for a
/// user that is not the lead, a link making it the lead.
fn group_cell(g: &SpreadGroup, found: &Spread, term: &str, params: &Params) -> Markup {
    let lang = params.lang();
    let w = lang.words();
    let Some(name) = g.group.as_deref() else {
        return html! { span class="none" { "—" } };
    };
    let filter = ["speaker", "body", "doc_type"].contains(&found.by.as_str());
    let mentions = Params {
        q: Some(term.to_string()),
        lang: lang.param().map(str::to_string),
        ..Params::default()
    }
    .with(&found.by, Some(name));
    let is_lead = found.reference.as_deref() == Some(name);
    html! {
        @if filter && g.occurrences > 0 {
            a href={ "/mentions" (mentions) } { (name) }
        } @else { (name) }
        @if is_lead {
            " " span class="hint" { "（" (w.lag_from) "）" }
        } @else if g.first.as_ref().is_some_and(|f| f.date.is_some()) {
            " " a class="hint" href={ "/spread" (params.with("lead", Some(name))) } title=(w.make_lead) { "↦" }
        }
    }
}

/// The first use: its date linking to the document at the term's first hit.
fn first_cell(g: &SpreadGroup, term: &str, lang: Lang) -> Markup {
    let w = lang.words();
    let Some(first) = &g.first else {
        return html! { span class="none" { (w.never_used) } };
    };
    let link = Params {
        q: Some(term.to_string()),
        lang: lang.param().map(str::to_string),
        ..Params::default()
    }
    .with("page", None);
    let when = first.date.map_or(w.undated.to_string(), |d| lang.date(d));
    let title = first.title.as_deref().unwrap_or(&first.path);
    html! { a href={ "/doc/" (first.document) (link) } title=(title) { (when) } }
}

/// `/spread.svg`: the chart `gongwen spread --svg` draws, as an image.
pub(crate) async fn spread_svg(
    State(app): State<Arc<App>>,
    Query(params): Query<Params>,
) -> Response {
    let answer = async {
        let asked =
            asked(&app, &params)?.ok_or_else(|| Failure::Bad("no term given (q=…)".into()))?;
        let found = computed(&app, asked).await?;
        Ok::<_, Failure>(crate::output::spread::spread_svg(
            &found,
            Some(&caption(&params, &found, Lang::Zh)),
        ))
    };
    super::html::svg_answer(answer.await, "/spread", &params, || spread_form(&params))
}
