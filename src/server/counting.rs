//! The counting pages: a term's mentions (counts by year, document, speaker or body, and
//! the concordance a page at a time) and a phrase's trend (the chart `trend` draws, and
//! its table); each links to its downloads, the numbers `gongwen mentions` and `gongwen
//! trend` give.

use std::fmt::Write as _;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};

use super::html::{Frame, answer, esc, page};
use super::pages::{chips, examples, form, pages};
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
    let frame = Frame::new("/mentions", &params);
    answer(mentions_page(&app, &params).await, &frame, || {
        mentions_form(&params)
    })
}

fn mentions_form(params: &Params) -> String {
    let w = params.lang().words();
    let choices: String = ["year", "doc", "speaker", "body"]
        .iter()
        .zip(w.counts_by)
        .map(|(b, label)| {
            let selected = if params.value("by").unwrap_or("year") == *b {
                " selected"
            } else {
                ""
            };
            format!("<option value=\"{b}\"{selected}>{label}</option>")
        })
        .collect();
    form(
        "/mentions",
        params,
        &format!(
            "<select name=\"by\" aria-label=\"{}\">{choices}</select>",
            w.counts_by[0]
        ),
    )
}

async fn mentions_page(app: &Arc<App>, params: &Params) -> Result<Html<String>, Failure> {
    let frame = Frame::new("/mentions", params);
    let (lang, w) = (frame.lang, frame.words());
    let by = group_by(params);
    let head = mentions_form(params);
    let Some((terms, filters)) = asked(app, params)? else {
        let content = format!(
            "<main><div class=\"content\">{head}<p>{} {}。</p></div></main>",
            w.start_mentions,
            examples(params, "/mentions", &["尧柏水泥", "安康高新集团"])
        );
        return Ok(page(&frame, w.nav_mentions, "mentions", &content));
    };
    let first = (params.page() - 1) * LINES_PER_PAGE;
    let weigh = terms.clone();
    let frame_lang_params = params.clone();
    let (table, lines, total) = app
        .run(super::broad_terms(weigh), move |handle| {
            filters.check_fields(handle)?;
            let entities = entities(handle, &terms)?;
            let names: Vec<String> = entities.iter().map(|e| e.name.clone()).collect();
            let counts = mentions::occurrences(handle, &entities, &filters)?;
            let table = count_rows(
                &CountTable::new(&counts, &names, by, RowOrder::Date),
                &frame_lang_params,
            );
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
        "<p>{}{}<a href=\"/api/mentions{q}&amp;format=csv\">CSV</a> · \
         <a href=\"/api/mentions{q}\">JSON</a>{} · \
         <a href=\"/api/mentions{qb}&amp;format=csv\">{}</a> · \
         <a href=\"/api/mentions{qb}\">{}</a></p>",
        w.download,
        w.separator,
        w.every_occurrence,
        w.counts_csv,
        w.counts_json,
        q = esc(&params.with("by", None)),
        qb = esc(&params.with("by", Some(params.value("by").unwrap_or("year"))))
    );
    let content = format!(
        "<main><div class=\"content\">{head}{}<p class=\"totals\">{}</p>{downloads}\
         <div class=\"scroll\">{table}</div><h3>{}</h3><div class=\"scroll\">{}</div>{}</div></main>",
        chips(params, "/mentions"),
        lang.occurrences(total),
        w.concordance,
        concordance(&lines, first, params),
        pages(params, "/mentions", total, LINES_PER_PAGE)
    );
    Ok(page(
        &frame,
        params.value("q").unwrap_or(w.nav_mentions),
        "mentions",
        &content,
    ))
}

/// A count table as HTML rows (escaped).
fn count_rows(table: &CountTable<'_>, params: &Params) -> String {
    let lang = params.lang();
    let w = lang.words();
    let missing = match table.by {
        GroupBy::Year | GroupBy::Doc => w.undated,
        GroupBy::Speaker => w.no_speaker,
        GroupBy::Body => w.no_body,
    };
    let several = table.terms.len() > 1;
    let mut out = String::from("<table><tr><th></th>");
    if several {
        for t in &table.terms {
            let _ = write!(out, "<th class=\"n\">{}</th>", esc(t));
        }
    }
    let _ = write!(
        out,
        "<th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr>",
        w.occurrences, w.passages, w.documents
    );
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
                "<span class=\"count\">{}</span> <a href=\"/doc/{}{}\">{}</a>",
                d.meta
                    .date
                    .map_or_else(|| missing.to_string(), |x| lang.date(x)),
                d.id,
                esc(&params.lang_only()),
                esc(d.meta.title.as_deref().unwrap_or(&d.path))
            ),
            None => esc(r.key.as_deref().unwrap_or(missing)),
        };
        out.push_str(&row(label, &r.per_term, &r.counts));
    }
    out.push_str(&row(
        format!("<b>{}</b>", w.total),
        &table.total_per_term,
        &table.total,
    ));
    out.push_str("</table>");
    out
}

/// Concordance lines: context, the match, context, and the document.
fn concordance(lines: &[Mention], first: usize, params: &Params) -> String {
    let lang = params.lang();
    let keep = params
        .lang()
        .param()
        .map(|l| format!("&lang={l}"))
        .unwrap_or_default();
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
             <td class=\"match\"><mark>{}</mark></td><td class=\"right\">{}</td><td class=\"where\"><a href=\"/doc/{}?q={}{}{anchor}\">{}</a> {}</td></tr>",
            first + i + 1,
            esc(m.left()),
            esc(m.matched()),
            esc(m.right()),
            d.id,
            esc(&form_urlencoded::byte_serialize(m.variant.as_bytes()).collect::<String>()),
            esc(&keep),
            esc(d.meta.title.as_deref().unwrap_or(&d.path)),
            d.meta.date.map(|x| lang.date(x)).unwrap_or_default()
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

/// Periods shown before the first one with a mention, by default.
const LEAD_PERIODS: usize = 2;

/// `/trend`: the chart and its table.
pub(crate) async fn trend(State(app): State<Arc<App>>, Query(params): Query<Params>) -> Response {
    let frame = Frame::new("/trend", &params);
    answer(trend_page(&app, &params).await, &frame, || {
        trend_form(&params)
    })
}

fn trend_form(params: &Params) -> String {
    let w = params.lang().words();
    let month = params.value("by") == Some("month");
    let choices = format!(
        "<select name=\"by\" aria-label=\"{}\"><option value=\"year\">{}</option>\
         <option value=\"month\"{}>{}</option></select>",
        w.by_year,
        w.by_year,
        if month { " selected" } else { "" },
        w.by_month
    );
    form("/trend", params, &choices)
}

/// The trend as the page shows it: from shortly before the first mention unless the
/// whole range is asked for (`range=all`).
fn shown_trend(trend: Trend, params: &Params) -> Trend {
    if params.value("range") == Some("all") {
        trend
    } else {
        trend.from_first_mention(LEAD_PERIODS)
    }
}

async fn trend_page(app: &Arc<App>, params: &Params) -> Result<Html<String>, Failure> {
    let frame = Frame::new("/trend", params);
    let w = frame.words();
    let head = trend_form(params);
    let Some((terms, filters)) = asked(app, params)? else {
        let content = format!(
            "<main><div class=\"content\">{head}<p>{} {}。</p></div></main>",
            w.start_trend,
            examples(
                params,
                "/trend",
                &["新质生产力", "高质量发展 供给侧结构性改革"]
            )
        );
        return Ok(page(&frame, w.nav_trend, "trend", &content));
    };
    let kind = period(params);
    let result = app
        .run(super::heavy, move |handle| {
            filters.check_fields(handle)?;
            trend::trend(handle, &entities(handle, &terms)?, &filters, kind)
        })
        .await?;
    let result = shown_trend(result, params);
    let q = esc(&params.with("page", None));
    let made_with = esc(&params.made_with());
    let range = if params.value("range") == Some("all") {
        format!(
            "<a href=\"/trend{}\">{}</a>",
            esc(&params.with("range", None)),
            w.from_first_mention
        )
    } else {
        format!(
            "<a href=\"/trend{}\">{}</a>",
            esc(&params.with("range", Some("all"))),
            w.whole_range
        )
    };
    let content = format!(
        "<main><div class=\"content\">{head}{}<figure><img class=\"chart\" src=\"/trend.svg{q}\" \
         alt=\"{}{}{made_with}\"><figcaption>{}{}{made_with} · {range}</figcaption></figure>\
         <p>{}{}<a href=\"/trend.svg{q}\">SVG</a> · <a href=\"/api/trend{q}&amp;format=csv\">CSV</a> · \
         <a href=\"/api/trend{q}\">JSON</a></p>{}</div></main>",
        chips(params, "/trend"),
        w.chart,
        w.separator,
        w.made_with,
        w.separator,
        w.download,
        w.separator,
        trend_rows(&result, params)
    );
    Ok(page(
        &frame,
        params.value("q").unwrap_or(w.nav_trend),
        "trend",
        &content,
    ))
}

/// The trend's table: the periods with text (every period with `rows=all`), a caption
/// saying what it was made with, and the link to the other view.
fn trend_rows(trend: &Trend, params: &Params) -> String {
    let lang = params.lang();
    let w = lang.words();
    let all = params.value("rows") == Some("all");
    let hidden = trend.rows.iter().filter(|r| r.chars == 0).count();
    let toggle = match (all, hidden) {
        (true, _) => format!(
            " · <a href=\"/trend{}\">{}</a>",
            esc(&params.with("rows", None)),
            w.hide_empty_periods
        ),
        (false, 0) => String::new(),
        (false, n) => format!(
            " · <a href=\"/trend{}\">{}</a>（{}）",
            esc(&params.with("rows", Some("all"))),
            w.show_all_periods,
            lang.number(n)
        ),
    };
    let mut out = format!(
        "<div class=\"scroll\"><table><caption>{}{}{}{toggle}</caption><tr><th>{}</th><th class=\"n\">{}</th>",
        w.made_with,
        w.separator,
        esc(&params.made_with()),
        w.period,
        w.characters
    );
    for t in &trend.terms {
        let _ = write!(
            out,
            "<th class=\"n\">{0} {1}</th><th class=\"n\">{0} {2}</th><th class=\"n\">{0} {3}</th>",
            esc(t),
            w.occurrences,
            w.documents,
            w.per_10k
        );
    }
    out.push_str("</tr>");
    for row in trend.rows.iter().filter(|r| all || r.chars > 0) {
        let label = if row.period == "undated" {
            w.undated.to_string()
        } else {
            row.period.clone()
        };
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td>",
            esc(&label),
            lang.number(row.chars)
        );
        for t in &row.terms {
            let rate = t
                .per_10k
                .map_or_else(|| w.no_text.to_string(), |r| format!("{r:.2}"));
            let _ = write!(
                out,
                "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{rate}</td>",
                lang.number(t.occurrences),
                lang.number(t.documents)
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</table></div>");
    out
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
        let whole = params.value("range") == Some("all");
        app.run(super::heavy, move |handle| {
            filters.check_fields(handle)?;
            let result = trend::trend(handle, &entities(handle, &terms)?, &filters, kind)?;
            let result = if whole {
                result
            } else {
                result.from_first_mention(LEAD_PERIODS)
            };
            crate::output::trend_svg(&result, Some(&made_with)).map_err(crate::Error::Filter)
        })
        .await
    };
    match answer.await {
        Ok(svg) => (
            [(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")],
            svg,
        )
            .into_response(),
        Err(f) => {
            let frame = Frame::new("/trend", &params);
            super::html::failure(&f, &frame, &trend_form(&params))
        }
    }
}
