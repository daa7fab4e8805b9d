//! The trend chart as SVG.

use crate::trend::{Trend, TrendRow};

/// Font list for SVG text: CJK fonts first so Chinese labels render everywhere.
const SVG_FONTS: &str =
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

/// A trend as an SVG line chart: one line per term, occurrences per 10,000 characters
/// over the dated periods (periods without text are gaps, the undated row is left out).
pub fn trend_svg(trend: &Trend) -> Result<String, String> {
    use plotters::prelude::*;
    let dated: Vec<&TrendRow> = trend
        .rows
        .iter()
        .filter(|r| r.period != "undated")
        .collect();
    let max = dated
        .iter()
        .flat_map(|r| r.terms.iter().filter_map(|t| t.per_10k))
        .fold(0.0f64, f64::max);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (960, 540)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let n = dated.len().max(1);
        let mut chart = ChartBuilder::on(&root)
            .caption(
                format!("{} — 每万字出现次数", trend.terms.join("、")),
                (SVG_FONTS, 22),
            )
            .margin(20)
            .x_label_area_size(50)
            .y_label_area_size(60)
            .build_cartesian_2d(0..(n - 1).max(1), 0f64..(max * 1.1).max(1.0))
            .map_err(|e| e.to_string())?;
        let labels: Vec<String> = dated.iter().map(|r| r.period.clone()).collect();
        chart
            .configure_mesh()
            .x_labels(n.min(24))
            .x_label_formatter(&|i| labels.get(*i).cloned().unwrap_or_default())
            .x_desc("时期")
            .y_desc("每万字出现次数")
            .label_style((SVG_FONTS, 14))
            .draw()
            .map_err(|e| e.to_string())?;
        for (k, term) in trend.terms.iter().enumerate() {
            let color = SVG_COLORS[k % SVG_COLORS.len()].to_rgba();
            // A period without text breaks the line instead of pretending to be 0.
            let mut segment: Vec<(usize, f64)> = Vec::new();
            let mut segments = Vec::new();
            for (i, row) in dated.iter().enumerate() {
                match row.terms[k].per_10k {
                    Some(rate) => segment.push((i, rate)),
                    None => segments.push(std::mem::take(&mut segment)),
                }
            }
            segments.push(segment);
            for (s, points) in segments.into_iter().filter(|s| !s.is_empty()).enumerate() {
                let series = chart
                    .draw_series(
                        LineSeries::new(points.clone(), color.stroke_width(2)).point_size(3),
                    )
                    .map_err(|e| e.to_string())?;
                if s == 0 {
                    series.label(term.as_str()).legend(move |(x, y)| {
                        PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2))
                    });
                }
            }
        }
        chart
            .configure_series_labels()
            .label_font((SVG_FONTS, 14))
            .background_style(WHITE.mix(0.8))
            .border_style(BLACK)
            .draw()
            .map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}
