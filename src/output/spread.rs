//! A term's spread printed: an aligned table (groups by first use, each with its lag,
//! counts and first document), JSON Lines and CSV (one row per group, its use per year
//! included), and the diffusion chart as SVG (one row per group that used the term: bars
//! of its use per year, a dot at its first use).

use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;

use super::csv::field;
use super::table::write_aligned;
use crate::research::{Spread, SpreadGroup};

/// How the lag reads in a table: days when both dates are known to the day, else years.
fn lag_text(g: &SpreadGroup) -> String {
    match (g.lag_days, g.lag_years) {
        (Some(d), _) => format!("{d:+} days"),
        (None, Some(y)) => format!("{y:+} years"),
        _ => String::new(),
    }
}

fn group_name(g: &SpreadGroup) -> &str {
    g.group.as_deref().unwrap_or("(none)")
}

/// The table: what was asked, then one row per group.
pub fn spread_table(w: &mut dyn Write, found: &Spread, said: &str) -> io::Result<()> {
    let users = found.users().count();
    writeln!(
        w,
        "{said}: {} of {} {} groups used it; lags from {}",
        users,
        found.groups.len(),
        found.by,
        match (&found.reference, found.reference_used) {
            (Some(r), true) => format!("{r}'s first use"),
            (Some(r), false) => format!("{r} (which never used it: no lags)"),
            (None, _) => "(no dated use)".to_string(),
        }
    )?;
    let mut rows = vec![
        [
            "#",
            found.by.as_str(),
            "first use",
            "lag",
            "occurrences",
            "documents",
            "of",
            "per 10k",
            "first document",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for (i, g) in found.groups.iter().enumerate() {
        let first = g.first.as_ref();
        rows.push(vec![
            (i + 1).to_string(),
            group_name(g).to_string(),
            first
                .map(|f| f.date.map_or("undated".to_string(), |d| d.to_string()))
                .unwrap_or_else(|| "—".to_string()),
            lag_text(g),
            g.occurrences.to_string(),
            g.documents.to_string(),
            g.group_documents.to_string(),
            g.per_10k.map_or(String::new(), |r| format!("{r:.3}")),
            first
                .map(|f| f.title.clone().unwrap_or_else(|| f.path.clone()))
                .unwrap_or_default(),
        ]);
    }
    write_aligned(w, &rows, 2)
}

#[derive(Serialize)]
struct JsonGroup<'a> {
    rank: usize,
    by: &'a str,
    group: Option<&'a str>,
    first_date: Option<String>,
    first_document: Option<u64>,
    first_title: Option<&'a str>,
    first_path: Option<&'a str>,
    reference: Option<&'a str>,
    lag_days: Option<i64>,
    lag_years: Option<i64>,
    occurrences: usize,
    documents: usize,
    group_documents: usize,
    chars: usize,
    per_10k: Option<f64>,
    per_year: &'a std::collections::BTreeMap<u16, usize>,
}

fn rows(found: &Spread) -> impl Iterator<Item = JsonGroup<'_>> {
    found.groups.iter().enumerate().map(|(i, g)| {
        let first = g.first.as_ref();
        JsonGroup {
            rank: i + 1,
            by: &found.by,
            group: g.group.as_deref(),
            first_date: first.and_then(|f| f.date).map(|d| d.to_string()),
            first_document: first.map(|f| f.document),
            first_title: first.and_then(|f| f.title.as_deref()),
            first_path: first.map(|f| f.path.as_str()),
            reference: found.reference.as_deref().filter(|_| found.reference_used),
            lag_days: g.lag_days,
            lag_years: g.lag_years,
            occurrences: g.occurrences,
            documents: g.documents,
            group_documents: g.group_documents,
            chars: g.chars,
            per_10k: g.per_10k,
            per_year: &g.per_year,
        }
    })
}

/// One JSON object a line per group.
pub fn spread_json(w: &mut dyn Write, found: &Spread) -> io::Result<()> {
    for r in rows(found) {
        serde_json::to_writer(&mut *w, &r)?;
        writeln!(w)?;
    }
    Ok(())
}

/// CSV (UTF-8 with BOM), one row per group; its use per year as `2024:5;2025:3`.
pub fn spread_csv(w: &mut dyn Write, found: &Spread) -> io::Result<()> {
    w.write_all("\u{FEFF}".as_bytes())?;
    writeln!(
        w,
        "rank,by,group,first_date,first_document,first_title,first_path,reference,lag_days,\
         lag_years,occurrences,documents,group_documents,chars,per_10k,per_year"
    )?;
    let opt = |v: Option<i64>| v.map_or(String::new(), |v| v.to_string());
    for r in rows(found) {
        let per_year: Vec<String> = r.per_year.iter().map(|(y, n)| format!("{y}:{n}")).collect();
        writeln!(
            w,
            "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
            r.rank,
            field(r.by),
            field(r.group.unwrap_or("")),
            r.first_date.unwrap_or_default(),
            r.first_document.map_or(String::new(), |d| d.to_string()),
            field(r.first_title.unwrap_or("")),
            field(r.first_path.unwrap_or("")),
            field(r.reference.unwrap_or("")),
            opt(r.lag_days),
            opt(r.lag_years),
            r.occurrences,
            r.documents,
            r.group_documents,
            r.chars,
            r.per_10k.map_or(String::new(), |p| format!("{p:.6}")),
            per_year.join(";")
        )?;
    }
    Ok(())
}

/// Most groups drawn: more would be a chart no one reads; the caption says how many more.
const MAX_ROWS: usize = 40;
const WIDTH: f64 = 960.0;
const LABEL_WIDTH: f64 = 230.0;
const COUNT_WIDTH: f64 = 70.0;
const ROW_HEIGHT: f64 = 24.0;
const TOP: f64 = 70.0;

/// Escapes text for SVG.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The diffusion chart: a row per group that used the term (in order of first use, at
/// most forty), bars of its occurrences per year on one scale for all rows, a dot at its
/// first use (placed by day within the year when the date says it), the group's total at
/// the right. `made_with` (the query and filters) goes into the caption.
pub fn spread_svg(found: &Spread, made_with: Option<&str>) -> String {
    let users: Vec<&SpreadGroup> = found.users().collect();
    let shown = &users[..users.len().min(MAX_ROWS)];
    let (first_year, last_year) = found.years().unwrap_or((2000, 2000));
    let years = f64::from(last_year - first_year + 1);
    let plot = WIDTH - LABEL_WIDTH - COUNT_WIDTH - 20.0;
    let x_of = |year: f64| LABEL_WIDTH + (year - f64::from(first_year)) / years * plot;
    let height = TOP + ROW_HEIGHT * shown.len().max(1) as f64 + 60.0;
    let max = shown
        .iter()
        .flat_map(|g| g.per_year.values().copied())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="{fonts}"><rect width="100%" height="100%" fill="white"/>"#,
        fonts = super::svg::SVG_FONTS
    );
    let mut caption = format!("{}：各组首次使用（圆点）与每年出现次数（柱）", found.term);
    if let Some(made_with) = made_with {
        caption.push_str(&format!(" · 检索条件：{made_with}"));
    }
    let _ = write!(
        svg,
        r#"<text x="{}" y="28" font-size="18" text-anchor="middle">{}</text>"#,
        WIDTH / 2.0,
        escape(&caption)
    );
    year_axis(&mut svg, first_year, last_year, &x_of, height);
    for (i, g) in shown.iter().enumerate() {
        let y = TOP + ROW_HEIGHT * i as f64;
        let label: String = group_name(g).chars().take(14).collect();
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" font-size="13" text-anchor="end">{}</text>"#,
            LABEL_WIDTH - 10.0,
            y + 16.0,
            escape(&label)
        );
        let bar = plot / years * 0.7;
        for (&year, &n) in &g.per_year {
            let h = (n as f64 / max * (ROW_HEIGHT - 6.0)).max(1.5);
            let _ = write!(
                svg,
                r#"<rect x="{:.1}" y="{:.1}" width="{bar:.1}" height="{h:.1}" fill="rgb(30,90,200)" fill-opacity="0.55"><title>{} {year}: {n}</title></rect>"#,
                x_of(f64::from(year)) + plot / years * 0.15,
                y + ROW_HEIGHT - 3.0 - h,
                escape(group_name(g))
            );
        }
        if let Some(date) = g.first.as_ref().and_then(|f| f.date) {
            let within = date.month.map_or(0.5, |m| {
                (f64::from(m) - 1.0 + f64::from(date.day.unwrap_or(15)) / 31.0) / 12.0
            });
            let _ = write!(
                svg,
                r#"<circle cx="{:.1}" cy="{:.1}" r="5" fill="rgb(200,30,40)"><title>{} {date}</title></circle>"#,
                x_of(f64::from(date.year) + within),
                y + ROW_HEIGHT / 2.0,
                escape(group_name(g))
            );
        }
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" font-size="13">{}</text>"#,
            WIDTH - COUNT_WIDTH,
            y + 16.0,
            g.occurrences
        );
    }
    let more = users.len() - shown.len();
    let never = found.groups.len() - users.len();
    let note = match (more, never) {
        (0, 0) => String::new(),
        (0, n) => format!("另有 {n} 组未使用"),
        (m, n) => format!("另有 {m} 组使用（未画出），{n} 组未使用"),
    };
    let _ = write!(
        svg,
        r#"<text x="{LABEL_WIDTH}" y="{}" font-size="13" fill="rgb(90,90,90)">{}</text></svg>"#,
        height - 12.0,
        escape(&note)
    );
    svg
}

/// Year ticks along the top and bottom of the rows, with light vertical lines.
fn year_axis(
    svg: &mut String,
    first_year: u16,
    last_year: u16,
    x_of: &dyn Fn(f64) -> f64,
    height: f64,
) {
    let span = last_year - first_year + 1;
    let step = span.div_ceil(12).max(1);
    for year in (first_year..=last_year).step_by(usize::from(step)) {
        let x = x_of(f64::from(year));
        let _ = write!(
            svg,
            r#"<line x1="{x:.1}" y1="{}" x2="{x:.1}" y2="{}" stroke="rgb(225,225,225)"/><text x="{:.1}" y="{}" font-size="13" text-anchor="middle">{year}</text>"#,
            TOP - 4.0,
            height - 40.0,
            x + (x_of(f64::from(year) + 1.0) - x) / 2.0,
            TOP - 10.0,
        );
    }
}
