//! The counting pages: a term's mentions (counts by year, document, speaker or body, and
//! the concordance a page at a time) and a phrase's trend (the chart `trend` draws, and
//! its table); each links to its downloads, the numbers `gongwen mentions` and `gongwen
//! trend` give.

use std::fmt::Write as _;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};

use super::html::{answer, esc, page};
use super::pages::{chips, form, pages};
use super::params::Params;
use super::{App, Failure};
use crate::mentions::counts::{CountTable, GroupBy, RowOrder};
use crate::mentions::{self, Mention};
use crate::search::Filters;
use crate::search::aliases::{Aliases, Entity};
use crate::trend::{self, PeriodKind, Trend};

/// Concordance lines on a page.
const LINES_PER_PAGE: usize = 100;

/// The terms and filters of a counting page, or `None` when no term is given.
fn asked(app: &App, params: &Params) -> Result<Option<(Vec<String>, Filters)>, Failure> {
    let (terms, written) = params.terms(&app.limits)?;
    if terms.is_empty() {
        return Ok(None);
    }
    Ok(Some((terms, params.filters()?.and(&written))))
}

pub(crate) fn group_by(params: &Params) -> GroupBy {
    match params.value("by") {
        Some("doc") => GroupBy::Doc,
        Some("speaker") => GroupBy::Speaker,
        Some("body") => GroupBy::Body,
        _ => GroupBy::Year,
    }
}

/// The entities of `terms`, with the corpus's alias groups.
pub(crate) fn entities(
    handle: &crate::catalog::IndexHandle,
    terms: &[String],
) -> crate::Result<Vec<Entity>> {
    let aliases = Aliases::of_corpus(handle)?;
    Ok(terms.iter().map(|t| aliases.entity(t)).collect())
}

/// `/mentions`: counts grouped as asked, then a page of the concordance.
pub(crate) async fn mentions(
    State(app): State<Arc<App>>,
    Query(params): Query<Params>,
) -> Response {
    answer(mentions_page(&app, params).await)
}

async fn mentions_page(app: &Arc<App>, params: Params) -> Result<Html<String>, Failure> {
    let by = group_by(&params);
    let choices: String = ["year", "doc", "speaker", "body"]
        .iter()
        .map(|b| {
            let selected = if params.value("by").unwrap_or("year") == *b {
                " selected"
            } else {
                ""
            };
            format!("<option value=\"{b}\"{selected}>counts by {b}</option>")
        })
        .collect();
    let head = form(
        "/mentions",
        &params,
        &format!("<select name=\"by\">{choices}</select>"),
    );
    let Some((terms, filters)) = asked(app, &params)? else {
        let content = format!(
            "<main><div class=\"content\">{head}<p>Every occurrence of a name or phrase, with \
             exact counts: try <a href=\"/mentions?q=尧柏水泥\">尧柏水泥</a>.</p></div></main>"
        );
        return Ok(page("Mentions", "mentions", &content));
    };
    let first = (params.page() - 1) * LINES_PER_PAGE;
    let weigh = terms.clone();
    let (table, lines, total) = app
        .run(super::broad_terms(weigh), move |handle| {
            filters.check_fields(handle)?;
            let entities = entities(handle, &terms)?;
            let names: Vec<String> = entities.iter().map(|e| e.name.clone()).collect();
            let counts = mentions::occurrences(handle, &entities, &filters)?;
            let table = count_rows(&CountTable::new(&counts, &names, by, RowOrder::Date));
            // Only the page's lines are kept: 的 has half a million.
            let (mut lines, mut total) = (Vec::new(), 0);
            mentions::for_each_document(handle, &entities, &filters, &mut |found| {
                let wanted =
                    first.saturating_sub(total)..(first + LINES_PER_PAGE).saturating_sub(total);
                total += found.len();
                lines.extend(found.into_iter().take(wanted.end).skip(wanted.start));
                Ok(())
            })?;
            Ok((table, lines, total))
        })
        .await?;
    let downloads = format!(
        "<p>Download: <a href=\"/api/mentions{q}&amp;format=csv\">CSV</a> · \
         <a href=\"/api/mentions{q}\">JSON</a> (every occurrence) · \
         <a href=\"/api/mentions{qb}&amp;format=csv\">counts CSV</a> · \
         <a href=\"/api/mentions{qb}\">counts JSON</a></p>",
        q = esc(&params.with("by", None)),
        qb = esc(&params.with("by", Some(params.value("by").unwrap_or("year"))))
    );
    let content = format!(
        "<main><div class=\"content\">{head}{}<p class=\"totals\">{}</p>{downloads}{table}\
         <h3>Concordance 索引</h3>{}{}</div></main>",
        chips(&params, "/mentions"),
        crate::output::count(total, "occurrence", "occurrences"),
        concordance(&lines, first),
        pages(&params, "/mentions", total, LINES_PER_PAGE)
    );
    Ok(page(
        params.value("q").unwrap_or("Mentions"),
        "mentions",
        &content,
    ))
}

/// A count table as HTML rows (escaped).
fn count_rows(table: &CountTable<'_>) -> String {
    let missing = match table.by {
        GroupBy::Year | GroupBy::Doc => "undated",
        GroupBy::Speaker => "(no speaker)",
        GroupBy::Body => "(no body)",
    };
    let several = table.terms.len() > 1;
    let mut out = String::from("<table><tr><th></th>");
    if several {
        for t in &table.terms {
            let _ = write!(out, "<th class=\"n\">{}</th>", esc(t));
        }
    }
    out.push_str("<th class=\"n\">occurrences</th><th class=\"n\">passages</th><th class=\"n\">documents</th></tr>");
    let row = |label: String, per_term: &[usize], c: &crate::mentions::Counts| {
        let mut r = format!("<tr><td>{label}</td>");
        if several {
            for n in per_term {
                let _ = write!(r, "<td class=\"n\">{n}</td>");
            }
        }
        let _ = write!(
            r,
            "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            c.occurrences, c.passages, c.documents
        );
        r
    };
    for r in &table.rows {
        let label = match r.document {
            // Documents come newest first: their dates show the order.
            Some(d) => format!(
                "<span class=\"count\">{}</span> <a href=\"/doc/{}\">{}</a>",
                d.meta
                    .date
                    .map_or_else(|| missing.to_string(), |x| x.to_string()),
                d.id,
                esc(d.meta.title.as_deref().unwrap_or(&d.path))
            ),
            None => esc(r.key.as_deref().unwrap_or(missing)),
        };
        out.push_str(&row(label, &r.per_term, &r.counts));
    }
    out.push_str(&row(
        "<b>total</b>".into(),
        &table.total_per_term,
        &table.total,
    ));
    out.push_str("</table>");
    out
}

/// Concordance lines: context, the match, context, and the document.
fn concordance(lines: &[Mention], first: usize) -> String {
    let mut out = String::from("<table class=\"kwic\">");
    for (i, m) in lines.iter().enumerate() {
        let d = &m.document;
        let anchor = if m.passage == crate::document::HEADER_PASSAGE {
            String::new()
        } else {
            format!("#p{}", m.passage)
        };
        let _ = write!(
            out,
            "<tr><td class=\"n\">{}</td><td class=\"left\"><div><span>{}</span></div></td>\
             <td class=\"match\"><mark>{}</mark></td><td class=\"right\">{}</td><td><a href=\"/doc/{}?q={}{anchor}\">{}</a> {}</td></tr>",
            first + i + 1,
            esc(m.left()),
            esc(m.matched()),
            esc(m.right()),
            d.id,
            esc(&form_urlencoded::byte_serialize(m.variant.as_bytes()).collect::<String>()),
            esc(d.meta.title.as_deref().unwrap_or(&d.path)),
            d.meta.date.map(|x| x.to_string()).unwrap_or_default()
        );
    }
    out.push_str("</table>");
    out
}

fn period(params: &Params) -> PeriodKind {
    match params.value("by") {
        Some("month") => PeriodKind::Month,
        _ => PeriodKind::Year,
    }
}

/// `/trend`: the chart and its table.
pub(crate) async fn trend(State(app): State<Arc<App>>, Query(params): Query<Params>) -> Response {
    answer(trend_page(&app, params).await)
}

async fn trend_page(app: &Arc<App>, params: Params) -> Result<Html<String>, Failure> {
    let month = params.value("by") == Some("month");
    let choices = format!(
        "<select name=\"by\"><option value=\"year\">by year</option>\
         <option value=\"month\"{}>by month</option></select>",
        if month { " selected" } else { "" }
    );
    let head = form("/trend", &params, &choices);
    let Some((terms, filters)) = asked(app, &params)? else {
        let content = format!(
            "<main><div class=\"content\">{head}<p>A phrase across the years, per 10,000 \
             characters: try <a href=\"/trend?q=高质量发展+供给侧结构性改革\">高质量发展 供给侧结构性改革</a>.</p></div></main>"
        );
        return Ok(page("Trend", "trend", &content));
    };
    let kind = period(&params);
    let result = app
        .run(super::heavy, move |handle| {
            filters.check_fields(handle)?;
            trend::trend(handle, &entities(handle, &terms)?, &filters, kind)
        })
        .await?;
    let q = esc(&params.with("page", None));
    let content = format!(
        "<main><div class=\"content\">{head}{}<p><img class=\"chart\" src=\"/trend.svg{q}\" \
         alt=\"trend chart\"></p><p>Download: <a href=\"/trend.svg{q}\">SVG</a> · \
         <a href=\"/api/trend{q}&amp;format=csv\">CSV</a> · <a href=\"/api/trend{q}\">JSON</a></p>{}\
         </div></main>",
        chips(&params, "/trend"),
        trend_rows(&result)
    );
    Ok(page(
        params.value("q").unwrap_or("Trend"),
        "trend",
        &content,
    ))
}

fn trend_rows(trend: &Trend) -> String {
    let mut out = String::from("<table><tr><th>period</th><th class=\"n\">characters</th>");
    for t in &trend.terms {
        let _ = write!(
            out,
            "<th class=\"n\">{0}</th><th class=\"n\">{0} documents</th><th class=\"n\">{0} per 10k</th>",
            esc(t)
        );
    }
    out.push_str("</tr>");
    for row in &trend.rows {
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td>",
            esc(&row.period),
            row.chars
        );
        for t in &row.terms {
            let rate = t
                .per_10k
                .map_or_else(|| "no text".to_string(), |r| format!("{r:.2}"));
            let _ = write!(
                out,
                "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{rate}</td>",
                t.occurrences, t.documents
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
    out
}

/// `/trend.svg`: the chart `gongwen trend --svg` draws, as an image (an image cannot run
/// anything a term might hold).
pub(crate) async fn trend_svg(
    State(app): State<Arc<App>>,
    Query(params): Query<Params>,
) -> Response {
    let answer = async {
        let (terms, filters) =
            asked(&app, &params)?.ok_or_else(|| Failure::Bad("no phrase given (q=…)".into()))?;
        let kind = period(&params);
        app.run(super::heavy, move |handle| {
            filters.check_fields(handle)?;
            let result = trend::trend(handle, &entities(handle, &terms)?, &filters, kind)?;
            crate::output::trend_svg(&result).map_err(crate::Error::Filter)
        })
        .await
    };
    match answer.await {
        Ok(svg) => (
            [(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")],
            svg,
        )
            .into_response(),
        Err(f) => super::html::failure(&f),
    }
}
