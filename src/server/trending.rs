//! The trend page: the chart `gongwen trend` draws and its table, from shortly before the
//! first mention (the whole range one link away), the periods without text left out of
//! the table unless asked for, both saying the query and filters they were made with;
//! and the chart itself as an image.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::{Html, Response};
use maud::{Markup, html};

use super::counting::{asked, entities};
use super::html::{Frame, answer, page};
use super::pages::{chips, examples, form, select};
use super::params::Params;
use super::{App, Failure};
use crate::trend::{self, PeriodKind, Trend};

/// Periods shown before the first one with a mention, by default.
const LEAD_PERIODS: usize = 2;

fn period(params: &Params) -> PeriodKind {
    match params.value("by") {
        Some("month") => PeriodKind::Month,
        _ => PeriodKind::Year,
    }
}

/// The trend as the page shows it: from shortly before the first mention unless the
/// whole range is asked for (`range=all`).
fn shown(trend: Trend, params: &Params) -> Trend {
    if params.value("range") == Some("all") {
        trend
    } else {
        trend.from_first_mention(LEAD_PERIODS)
    }
}

/// `/trend`: the chart and its table.
pub(crate) async fn trend(State(app): State<Arc<App>>, Query(params): Query<Params>) -> Response {
    let frame = Frame::new("/trend", &params);
    answer(trend_page(&app, &params).await, &frame, || {
        trend_form(&params)
    })
}

fn trend_form(params: &Params) -> Markup {
    let w = params.lang().words();
    let by = select(
        "by",
        w.by_year,
        &[("year", w.by_year), ("month", w.by_month)],
        params.value("by").unwrap_or("year"),
    );
    form("/trend", params, by)
}

async fn trend_page(app: &Arc<App>, params: &Params) -> Result<Html<String>, Failure> {
    let frame = Frame::new("/trend", params);
    let w = frame.words();
    let Some((terms, filters)) = asked(app, params)? else {
        let content = html! {
            main { div class="content" {
                (trend_form(params))
                p { (w.start_trend) " " (examples(params, "/trend", &["新质生产力", "高质量发展 供给侧结构性改革"])) "。" }
            } }
        };
        return Ok(page(&frame, w.nav_trend, "trend", content));
    };
    let kind = period(params);
    let result = app
        .run(super::heavy, move |handle| {
            filters.check_fields(handle)?;
            trend::trend(handle, &entities(handle, &terms)?, &filters, kind)
        })
        .await?;
    let result = shown(result, params);
    let q = params.with("page", None);
    let made_with = params.made_with();
    let whole = params.value("range") == Some("all");
    let content = html! {
        main { div class="content" {
            (trend_form(params))
            (chips(params, "/trend"))
            figure {
                img class="chart" src={ "/trend.svg" (q) } alt={ (w.chart) (w.separator) (w.made_with) (w.separator) (made_with) };
                figcaption {
                    (w.made_with) (w.separator) code class="query" { (made_with) } " · "
                    @if whole {
                        a href={ "/trend" (params.with("range", None)) } { (w.from_first_mention) }
                    } @else {
                        a href={ "/trend" (params.with("range", Some("all"))) } { (w.whole_range) }
                    }
                }
            }
            p {
                (w.download) (w.separator)
                a href={ "/trend.svg" (q) } { "SVG" } " · "
                a href={ "/api/trend" (q) "&format=csv" } { "CSV" } " · "
                a href={ "/api/trend" (q) } { "JSON" }
            }
            (trend_rows(&result, params))
        } }
    };
    Ok(page(
        &frame,
        params.value("q").unwrap_or(w.nav_trend),
        "trend",
        content,
    ))
}

/// The trend's table: the periods with text (every period with `rows=all`), a caption
/// saying what it was made with, and the link to the other view.
fn trend_rows(trend: &Trend, params: &Params) -> Markup {
    let lang = params.lang();
    let w = lang.words();
    let all = params.value("rows") == Some("all");
    let hidden = trend.rows.iter().filter(|r| r.chars == 0).count();
    html! {
        div class="scroll" { table {
            caption {
                (w.made_with) (w.separator) code class="query" { (params.made_with()) }
                @if all {
                    " · " a href={ "/trend" (params.with("rows", None)) } { (w.hide_empty_periods) }
                } @else if hidden > 0 {
                    " · " a href={ "/trend" (params.with("rows", Some("all"))) } { (w.show_all_periods) }
                    "（" (lang.number(hidden)) "）"
                }
            }
            tr {
                th { (w.period) } th class="n" { (w.characters) }
                @for t in &trend.terms {
                    th class="n" { (t) " " (w.occurrences) }
                    th class="n" { (t) " " (w.documents) }
                    th class="n" { (t) " " (w.per_10k) }
                }
            }
            @for row in trend.rows.iter().filter(|r| all || r.chars > 0) {
                tr {
                    td { @if row.period == "undated" { (w.undated) } @else { (row.period) } }
                    td class="n" { (lang.number(row.chars)) }
                    @for t in &row.terms {
                        td class="n" { (lang.number(t.occurrences)) }
                        td class="n" { (lang.number(t.documents)) }
                        td class="n" {
                            @match t.per_10k { Some(r) => (format!("{r:.2}")), None => (w.no_text) }
                        }
                    }
                }
            }
        } }
    }
}

/// `/trend.svg`: the chart `gongwen trend --svg` draws, as an image (an image cannot run
/// anything a term might hold), from shortly before the first mention unless
/// `range=all`, its caption saying the query and filters.
pub(crate) async fn trend_svg(
    State(app): State<Arc<App>>,
    Query(params): Query<Params>,
) -> Response {
    let made_with = params.made_with();
    let answer = async {
        let (terms, filters) =
            asked(&app, &params)?.ok_or_else(|| Failure::Bad("no phrase given (q=…)".into()))?;
        let kind = period(&params);
        let shown_with = params.clone();
        app.run(super::heavy, move |handle| {
            filters.check_fields(handle)?;
            let result = trend::trend(handle, &entities(handle, &terms)?, &filters, kind)?;
            crate::output::trend_svg(&shown(result, &shown_with), Some(&made_with))
                .map_err(crate::Error::Filter)
        })
        .await
    };
    super::html::svg_answer(answer.await, "/trend", &params, || trend_form(&params))
}
