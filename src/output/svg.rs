//! The trend chart as SVG.

use crate::mentions::counts::CountTable;
use crate::trend::{Trend, TrendRow};

/// Font list for SVG text: CJK fonts first so Chinese labels render everywhere.
pub(super) const SVG_FONTS: &str =
    "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, SimHei, sans-serif";

/// Line colours, distinct and readable on white.
const SVG_COLORS: [plotters::style::RGBColor; 6] = [
    plotters::style::RGBColor(200, 30, 40),
    plotters::style::RGBColor(30, 90, 200),
    plotters::style::RGBColor(20, 140, 60),
    plotters::style::RGBColor(230, 120, 0),
    plotters::style::RGBColor(130, 50, 170),
    plotters::style::RGBColor(90, 90, 90),
];

/// Pixel height of one phrase's panel.
const PANEL_HEIGHT: u32 = 240;
/// Most period labels on an axis: more run together.
const MAX_X_LABELS: usize = 12;

/// A trend as an SVG chart for a report: one panel per phrase, stacked, each with its own
/// scale (a rare phrase is not a flat line under a common one), titled with the phrase
/// instead of a legend over the data; occurrences per 10,000 characters over the dated
/// periods (periods without text are gaps; the undated row, and with `--by month` the
/// documents dated only to a year, are left out of the lines: the caption says how many
/// occurrences that leaves out); at most twelve period labels, a light grid.
///
/// `made_with`, when given, is added to the caption (the query and filters the chart was
/// drawn with), so that the picture says what it shows wherever it is pasted.
pub fn trend_svg(trend: &Trend, made_with: Option<&str>) -> Result<String, String> {
    let dated: Vec<&TrendRow> = trend
        .rows
        .iter()
        .filter(|r| r.period != "undated" && !r.period.contains('?'))
        .collect();
    let left_out: usize = trend
        .rows
        .iter()
        .filter(|r| r.period == "undated" || r.period.contains('?'))
        .flat_map(|r| r.terms.iter().map(|t| t.occurrences))
        .sum();
    let mut caption = match left_out {
        0 => "每万字出现次数".to_string(),
        n => format!("每万字出现次数（未计入无确切日期的 {n} 次）"),
    };
    if let Some(made_with) = made_with {
        caption.push_str(&format!(" · 检索条件：{made_with}"));
    }
    let labels: Vec<String> = dated.iter().map(|r| r.period.clone()).collect();
    stacked_panels(&trend.terms, &caption, |k, term, area| {
        draw_panel(area, term, k, &dated, &labels)
    })
}

/// The SVG of a panel per term, stacked under `caption`; `draw` fills each panel.
fn stacked_panels(
    terms: &[String],
    caption: &str,
    mut draw: impl FnMut(usize, &str, &Panel<'_>) -> Result<(), String>,
) -> Result<String, String> {
    use plotters::prelude::*;
    let panels = terms.len().max(1);
    let height = 60 + PANEL_HEIGHT * panels as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (960, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let root = root
            .titled(caption, (SVG_FONTS, 20))
            .map_err(|e| e.to_string())?;
        let areas = root.split_evenly((panels, 1));
        for (k, (term, area)) in terms.iter().zip(areas.iter()).enumerate() {
            draw(k, term, area)?;
        }
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

/// One panel of a stacked chart.
type Panel<'a> =
    plotters::drawing::DrawingArea<plotters::prelude::SVGBackend<'a>, plotters::coord::Shift>;

/// One phrase's panel: its own scale, its name as the title, a light grid.
fn draw_panel(
    area: &Panel<'_>,
    term: &str,
    k: usize,
    dated: &[&TrendRow],
    labels: &[String],
) -> Result<(), String> {
    use plotters::prelude::*;
    let color = SVG_COLORS[k % SVG_COLORS.len()].to_rgba();
    let max = dated
        .iter()
        .filter_map(|r| r.terms[k].per_10k)
        .fold(0.0f64, f64::max);
    let n = dated.len().max(1);
    // One period stands in the middle of its axis, labelled once, not at its left end.
    let offset = usize::from(n == 1);
    let mut chart = ChartBuilder::on(area)
        .caption(term, (SVG_FONTS, 18).into_font().color(&color))
        .margin_left(20)
        .margin_right(40)
        .margin_bottom(8)
        .x_label_area_size(36)
        .y_label_area_size(60)
        .build_cartesian_2d(0..(n - 1 + 2 * offset).max(1), 0f64..(max * 1.15).max(0.01))
        .map_err(|e| e.to_string())?;
    chart
        .configure_mesh()
        .x_labels((n + 2 * offset).min(MAX_X_LABELS))
        .x_label_formatter(&|i| {
            i.checked_sub(offset)
                .and_then(|i| labels.get(i))
                .cloned()
                .unwrap_or_default()
        })
        .y_labels(5)
        .label_style((SVG_FONTS, 13))
        .bold_line_style(RGBColor(225, 225, 225))
        .light_line_style(WHITE)
        .draw()
        .map_err(|e| e.to_string())?;
    // A period without text breaks the line instead of pretending to be 0.
    let mut segment: Vec<(usize, f64)> = Vec::new();
    let mut segments = Vec::new();
    for (i, row) in dated.iter().enumerate() {
        match row.terms[k].per_10k {
            Some(rate) => segment.push((i + offset, rate)),
            None => segments.push(std::mem::take(&mut segment)),
        }
    }
    segments.push(segment);
    for points in segments.into_iter().filter(|s| !s.is_empty()) {
        // Markers only where they can be told apart, and always on a lone point (a line
        // of one point draws nothing).
        let marker = if n > 60 && points.len() > 1 { 0 } else { 3 };
        chart
            .draw_series(LineSeries::new(points, color.stroke_width(2)).point_size(marker))
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// A count table by year as an SVG bar chart (`mentions --by year --svg`): a panel per
/// term with its own scale and the term as title, a bar per year holding occurrences
/// (years without any are not invented; undated occurrences are counted in the caption).
pub fn year_bars_svg(table: &CountTable<'_>) -> Result<String, String> {
    // Every year from the first to the last, those without a mention as zero: a
    // category axis that skipped them would draw 2008 next to 2013.
    let counted: std::collections::BTreeMap<i32, &[usize]> = table
        .rows
        .iter()
        .filter_map(|r| Some((r.key.as_deref()?.parse().ok()?, r.per_term.as_slice())))
        .collect();
    let none = vec![0; table.terms.len()];
    let (first, last) = match (counted.keys().next(), counted.keys().next_back()) {
        (Some(a), Some(b)) => (*a, *b + 1),
        _ => (0, 0),
    };
    let span = first..last;
    let names: Vec<String> = span.clone().map(|y| y.to_string()).collect();
    let years: Vec<(&str, &[usize])> = span
        .zip(&names)
        .map(|(y, name)| (name.as_str(), counted.get(&y).copied().unwrap_or(&none)))
        .collect();
    let undated: usize = table
        .rows
        .iter()
        .filter(|r| r.key.is_none())
        .map(|r| r.counts.occurrences)
        .sum();
    let caption = match undated {
        0 => "每年出现次数".to_string(),
        n => format!("每年出现次数（未计入无日期的 {n} 次）"),
    };
    stacked_panels(&table.terms, &caption, |k, term, area| {
        draw_bars(area, term, k, &years)
    })
}

/// One term's panel of bars per year: its own scale, its name as the title.
fn draw_bars(
    area: &Panel<'_>,
    term: &str,
    k: usize,
    years: &[(&str, &[usize])],
) -> Result<(), String> {
    use plotters::prelude::*;
    let labels: Vec<&str> = years.iter().map(|(y, _)| *y).collect();
    let n = years.len().max(1);
    let color = SVG_COLORS[k % SVG_COLORS.len()];
    let max = years.iter().map(|(_, c)| c[k]).max().unwrap_or(0).max(1);
    let mut chart = ChartBuilder::on(area)
        .caption(term, (SVG_FONTS, 18).into_font().color(&color))
        .margin_left(20)
        .margin_right(40)
        .margin_bottom(8)
        .x_label_area_size(36)
        .y_label_area_size(60)
        .build_cartesian_2d((0..n - 1).into_segmented(), 0..(max + max / 10 + 1))
        .map_err(|e| e.to_string())?;
    chart
        .configure_mesh()
        .x_labels(n.min(MAX_X_LABELS))
        .x_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => labels.get(*i).map(|s| s.to_string()).unwrap_or_default(),
            _ => String::new(),
        })
        .y_labels(5)
        .label_style((SVG_FONTS, 13))
        .bold_line_style(RGBColor(225, 225, 225))
        .light_line_style(WHITE)
        .disable_x_mesh()
        .draw()
        .map_err(|e| e.to_string())?;
    // A gap of 4 pixels between bars, unless the years are so many (a century of
    // them) that it would leave the bars no width at all: then a narrower one.
    let slot = chart.plotting_area().dim_in_pixel().0 as usize / n;
    let gap = (slot / 4).min(4) as u32;
    chart
        .draw_series(
            Histogram::vertical(&chart)
                .style(color.mix(0.8).filled())
                .margin(gap)
                .data(years.iter().enumerate().map(|(i, (_, c))| (i, c[k]))),
        )
        .map_err(|e| e.to_string())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mentions::counts::{CountRow, Counts, GroupBy, RowOrder};

    /// Every bar of a chart by year has a width, however many years it spans: the
    /// shared corpus's documents run from 1921 to 2026, and with a 4-pixel gap between
    /// 106 bars there was no width left (`width="0"`: an empty chart).
    #[test]
    fn a_century_of_years_still_draws_every_bar() {
        let rows = (1921..=2026)
            .map(|year| CountRow {
                key: Some(year.to_string()),
                document: None,
                counts: Counts {
                    occurrences: 10,
                    passages: 10,
                    documents: 1,
                },
                per_term: vec![10],
            })
            .collect();
        let table = CountTable::from_rows(GroupBy::Year, vec!["发展".into()], rows, RowOrder::Date);
        let svg = year_bars_svg(&table).unwrap();
        let bars: Vec<&str> = svg
            .lines()
            .filter(|l| l.starts_with("<rect") && l.contains("opacity=\"0.8\""))
            .collect();
        assert_eq!(bars.len(), 106, "{svg}");
        for bar in bars {
            let width: i32 = bar
                .split("width=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            assert!(width > 0, "{bar}");
        }
    }
}
