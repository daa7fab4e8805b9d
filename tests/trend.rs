//! `trend`: per-period counts equal the exact mention counts, rates are per 10,000
//! characters of the period's text, gaps and undated documents are rows of their own.

use gongwen::search::Filters;
use gongwen::search::aliases::Aliases;
use gongwen::trend::{PeriodKind, trend};
use serde::Deserialize;

use crate::util::{gongwen, shared, stdout};

#[test]
fn rows_add_up_to_the_mentions_and_rates_are_normalised() {
    let handle = &shared().handle;
    let entities = [
        Aliases::default().entity("工业"),
        Aliases::default().entity("纾困"),
    ];
    let t = trend(handle, &entities, &Filters::default(), PeriodKind::Year).unwrap();
    assert_eq!(t.terms, vec!["工业", "纾困"]);
    let periods: Vec<&str> = t.rows.iter().map(|r| r.period.as_str()).collect();
    assert_eq!(periods, vec!["2020", "2021", "undated"]);
    for (k, entity) in entities.iter().enumerate() {
        let all =
            gongwen::mentions::mentions(handle, std::slice::from_ref(entity), &Filters::default())
                .unwrap();
        let total: usize = t.rows.iter().map(|r| r.terms[k].occurrences).sum();
        assert_eq!(total, all.len(), "{}", entity.name);
    }
    let docs = handle.catalog.documents().unwrap();
    for row in &t.rows {
        let in_period: Vec<_> = docs
            .iter()
            .filter(|d| {
                d.meta
                    .date
                    .map_or("undated".to_string(), |x| x.year.to_string())
                    == row.period
            })
            .collect();
        assert_eq!(
            row.chars,
            in_period.iter().map(|d| d.chars).sum::<usize>(),
            "{}",
            row.period
        );
        for c in &row.terms {
            let rate = c.per_10k.unwrap();
            assert!((rate - c.occurrences as f64 * 10_000.0 / row.chars as f64).abs() < 1e-9);
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Point {
    period: String,
    term: String,
    occurrences: usize,
    documents: usize,
    chars: usize,
    per_10k: Option<f64>,
}

#[test]
fn gaps_are_marked_and_undated_documents_counted() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let speech = |title: &str, year: &str, body: &str| {
        format!("{title}\n——在{year}年全市工作会议上的讲话\n{body}\n")
    };
    std::fs::write(
        corpus.join("a.txt"),
        speech("稳中求进", "2018", "今年要稳增长。稳增长是首要任务。"),
    )
    .unwrap();
    std::fs::write(
        corpus.join("b.txt"),
        speech("再接再厉", "2020", "继续稳增长，保就业。"),
    )
    .unwrap();
    std::fs::write(corpus.join("c.txt"), "没有标题的讲话：稳增长，惠民生。\n").unwrap();
    let out = gongwen(
        dir.path(),
        &["trend", "稳增长", "--json", "--svg", "chart.svg"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", crate::util::stderr(&out));
    let points: Vec<Point> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let summary: Vec<(&str, usize, bool)> = points
        .iter()
        .map(|p| (p.period.as_str(), p.occurrences, p.per_10k.is_some()))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("2018", 2, true),
            ("2019", 0, false),
            ("2020", 1, true),
            ("undated", 1, true)
        ]
    );
    assert!(points.iter().all(|p| p.term == "稳增长"));
    assert_eq!(points[1].chars, 0);
    assert_eq!(points[0].documents, 1);
    let svg = std::fs::read_to_string(dir.path().join("chart.svg")).unwrap();
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains("稳增长") && svg.contains("2018") && svg.contains("2020"));
    // The undated occurrence is not drawn, and the caption says it is left out.
    assert!(svg.contains("未计入无确切日期的 1 次"), "{svg}");
    // Two phrases: a panel each, with its own title and scale, no legend box over data.
    let out = gongwen(
        dir.path(),
        &["trend", "稳增长", "惠民生", "--json", "--svg", "two.svg"],
    );
    assert_eq!(out.status.code(), Some(0));
    let two = std::fs::read_to_string(dir.path().join("two.svg")).unwrap();
    assert!(
        two.contains("height=\"540\""),
        "one panel of 240 each, caption 60"
    );
    assert!(
        two.contains("\n稳增长\n") && two.contains("\n惠民生\n"),
        "{two}"
    );
    // No legend box over the data: the background is the only rectangle.
    assert_eq!(two.matches("<rect").count(), 1, "{two}");

    let table = stdout(&gongwen(dir.path(), &["trend", "稳增长"]));
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("2019") && l.contains("(no text)")),
        "{table}"
    );
    assert!(table.lines().any(|l| l.starts_with("undated")), "{table}");
    let csv = gongwen(dir.path(), &["trend", "稳增长", "--csv"]);
    assert!(
        csv.stdout
            .starts_with("\u{FEFF}period,term,occurrences".as_bytes())
    );
    assert_eq!(stdout(&csv).lines().count(), 5);
    assert_eq!(
        gongwen(dir.path(), &["trend", "不存在"]).status.code(),
        Some(1)
    );
}

#[test]
fn charts_are_written_as_png_for_a_report() {
    let dir = crate::util::corpus_copy(&[]);
    let out = gongwen(
        dir.path(),
        &["trend", "工业", "--svg", "t.svg", "--png", "t.png"],
    );
    let err = crate::util::stderr(&out);
    if out.status.code() == Some(2) {
        // A system without a font that has Chinese: said, and nothing half-written.
        assert!(
            err.contains("no font on this system has Chinese characters"),
            "{err}"
        );
        assert!(!dir.path().join("t.png").exists());
        return;
    }
    assert_eq!(out.status.code(), Some(0), "{err}");
    let svg = std::fs::read_to_string(dir.path().join("t.svg")).unwrap();
    let attr = |name: &str| -> u32 {
        let at = svg.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        svg[at..].split('"').next().unwrap().parse().unwrap()
    };
    let png = resvg::tiny_skia::Pixmap::load_png(dir.path().join("t.png")).unwrap();
    // Twice the SVG's size, on white, with dark text in the title band (the top tenth).
    assert_eq!(
        (png.width(), png.height()),
        (2 * attr("width"), 2 * attr("height"))
    );
    let pixel = |x: u32, y: u32| png.pixel(x, y).unwrap();
    assert_eq!(pixel(0, 0).red(), 255);
    let dark_in_title = (0..png.height() / 10)
        .flat_map(|y| (0..png.width()).map(move |x| (x, y)))
        .filter(|&(x, y)| pixel(x, y).red() < 100)
        .count();
    assert!(
        dark_in_title > 200,
        "the title is drawn: {dark_in_title} dark pixels"
    );
    // The bar chart of `mentions --by year` too; a chart needs counts by year.
    let out = gongwen(
        dir.path(),
        &["mentions", "工业", "--by", "year", "--png", "b.png"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", crate::util::stderr(&out));
    assert!(resvg::tiny_skia::Pixmap::load_png(dir.path().join("b.png")).is_ok());
    let out = gongwen(
        dir.path(),
        &["mentions", "工业", "--by", "doc", "--png", "d.png"],
    );
    assert_eq!(out.status.code(), Some(2));
}
