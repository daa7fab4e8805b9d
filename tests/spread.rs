//! Spread: each group's counts, documents, first use, use per year and lag equal a
//! recount of the sample corpus's documents, grouped by hand; the command prints them as
//! a table, JSON, CSV and a chart.

use std::collections::{BTreeMap, HashMap};

use gongwen::catalog::DocumentRecord;
use gongwen::research::{self, GroupField};
use gongwen::search::Filters;
use gongwen::search::aliases::Aliases;
use gongwen::text::fold_str;

use super::util::{gongwen, shared, stdout};

/// Occurrences of `term` in each document, recounted from its passages' text.
fn recount(term: &str) -> Vec<(&'static DocumentRecord, usize)> {
    let handle = &shared().handle;
    handle
        .catalog
        .documents()
        .unwrap()
        .iter()
        .map(|d| {
            let n = gongwen::search::document_text(handle, d.id, &[], true)
                .unwrap()
                .iter()
                .map(|p| fold_str(&p.text).matches(term).count())
                .sum();
            (&**d, n)
        })
        .collect()
}

fn key(d: &DocumentRecord, by: &str) -> Option<String> {
    match by {
        "speaker" => d.meta.speaker.clone(),
        "body" => d.meta.body.clone(),
        "doc_type" => d.meta.doc_type.clone(),
        _ => research::province::province_of(d),
    }
}

#[test]
fn each_groups_use_equals_a_recount_of_its_documents() {
    let handle = &shared().handle;
    for term in ["高质量发展", "工业", "安康"] {
        let counted = recount(term);
        for by in ["speaker", "body", "doc_type", "province"] {
            let entity = Aliases::default().entity(term);
            let found = research::spread(
                handle,
                &entity,
                &Filters::default(),
                &GroupField::named(by),
                None,
            )
            .unwrap();
            // By hand: each group's documents, characters, occurrences and years.
            let mut groups: HashMap<Option<String>, (usize, usize, usize, usize)> = HashMap::new();
            let mut years: HashMap<Option<String>, BTreeMap<u16, usize>> = HashMap::new();
            let mut first: HashMap<Option<String>, &DocumentRecord> = HashMap::new();
            for &(d, n) in &counted {
                let g = groups.entry(key(d, by)).or_default();
                g.0 += 1;
                g.1 += d.chars;
                if n > 0 {
                    g.2 += n;
                    g.3 += 1;
                    if let Some(date) = d.meta.date {
                        *years
                            .entry(key(d, by))
                            .or_default()
                            .entry(date.year)
                            .or_default() += n;
                    }
                    // The earliest dated document: by the last day its date may be.
                    let order = |d: &DocumentRecord| {
                        (
                            d.meta.date.is_none(),
                            d.meta.date.map(|x| (x.last_day(), x.first_day())),
                            d.id,
                        )
                    };
                    let f = first.entry(key(d, by)).or_insert(d);
                    if order(d) < order(f) {
                        *f = d;
                    }
                }
            }
            assert_eq!(found.groups.len(), groups.len(), "{term} by {by}");
            for g in &found.groups {
                let (docs, chars, occurrences, using) = groups[&g.group];
                let what = format!("{term} by {by}: {:?}", g.group);
                assert_eq!(
                    (g.group_documents, g.chars, g.occurrences, g.documents),
                    (docs, chars, occurrences, using),
                    "{what}"
                );
                assert_eq!(
                    g.per_year,
                    years.get(&g.group).cloned().unwrap_or_default(),
                    "{what}"
                );
                assert_eq!(
                    g.first.as_ref().map(|f| f.document),
                    first.get(&g.group).map(|d| d.id),
                    "{what}"
                );
            }
            // Users in order of first use, never-users after them, no value last.
            let users: Vec<_> = found
                .groups
                .iter()
                .filter(|g| g.group.is_some())
                .map(|g| g.first.is_some())
                .collect();
            assert!(users.windows(2).all(|w| w[0] >= w[1]), "{term} by {by}");
            assert!(
                found
                    .groups
                    .iter()
                    .rev()
                    .skip_while(|g| g.group.is_none())
                    .all(|g| g.group.is_some())
            );
        }
    }
}

#[test]
fn lags_count_days_from_the_reference_groups_first_use() {
    let handle = &shared().handle;
    let entity = Aliases::default().entity("工业");
    let by = GroupField::named("speaker");
    let found = research::spread(handle, &entity, &Filters::default(), &by, None).unwrap();
    let dated: Vec<_> = found
        .groups
        .iter()
        .filter(|g| g.group.is_some())
        .filter_map(|g| Some((g, g.first.as_ref()?.date?)))
        .collect();
    assert!(dated.len() >= 2, "two speakers used 工业");
    // Without --from: the first group to use it is the reference, its lag 0.
    let (lead, lead_date) = dated[0];
    assert_eq!(found.reference, lead.group);
    assert_eq!(lead.lag_years, Some(0));
    for (g, date) in &dated {
        assert_eq!(
            g.lag_years,
            Some(i64::from(date.year) - i64::from(lead_date.year))
        );
        if date.day.is_some() && lead_date.day.is_some() {
            assert_eq!(g.lag_days, Some(date.unix_days() - lead_date.unix_days()));
        }
    }
    // From another group: its first use is day 0, the leader's lag negative.
    let (second, second_date) = dated[1];
    let name = second.group.as_deref().unwrap();
    let from = research::spread(handle, &entity, &Filters::default(), &by, Some(name)).unwrap();
    let again = |n: &str| {
        from.groups
            .iter()
            .find(|g| g.group.as_deref() == Some(n))
            .unwrap()
    };
    assert_eq!(again(name).lag_years, Some(0));
    assert_eq!(
        again(lead.group.as_deref().unwrap()).lag_years,
        Some(i64::from(lead_date.year) - i64::from(second_date.year))
    );
    // A group that never used the term: no lags, said so.
    let none = research::spread(handle, &entity, &Filters::default(), &by, Some("无此人")).unwrap();
    assert!(!none.reference_used);
    assert!(
        none.groups
            .iter()
            .all(|g| g.lag_days.is_none() && g.lag_years.is_none())
    );
}

#[test]
fn spread_from_the_command_line_as_a_table_json_csv_and_chart() {
    let dir = super::util::corpus_copy(&[]);
    let run = |args: &[&str]| gongwen(dir.path(), args);
    let table = run(&["spread", "工业", "--by", "speaker"]);
    assert_eq!(
        table.status.code(),
        Some(0),
        "{}",
        super::util::stderr(&table)
    );
    let text = stdout(&table);
    assert!(text.starts_with("工业 by speaker: "), "{text}");
    assert!(
        text.contains("赵俊民") && text.contains("first use"),
        "{text}"
    );
    let json = stdout(&run(&["spread", "工业", "--by", "speaker", "--json"]));
    let rows: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        rows.iter()
            .any(|r| r["group"] == "赵俊民" && r["occurrences"].as_u64() > Some(0))
    );
    assert!(rows.iter().all(|r| r["by"] == "speaker"));
    let csv = stdout(&run(&["spread", "工业", "--by", "speaker", "--csv"]));
    assert_eq!(csv.lines().count(), rows.len() + 1);
    assert!(csv.contains("lag_days") && csv.contains("赵俊民"));
    // The chart: a row per speaker who used it, a dot at each first use.
    let svg = dir.path().join("spread.svg");
    let charted = run(&[
        "spread",
        "工业",
        "--by",
        "speaker",
        "--svg",
        svg.to_str().unwrap(),
    ]);
    assert_eq!(charted.status.code(), Some(0));
    let drawn = std::fs::read_to_string(&svg).unwrap();
    let users = rows
        .iter()
        .filter(|r| r["first_date"].is_string() && r["group"].is_string())
        .count();
    assert_eq!(
        drawn.matches("<circle").count(),
        users
            + usize::from(
                rows.iter()
                    .any(|r| r["group"].is_null() && r["first_date"].is_string())
            )
    );
    assert!(drawn.contains("赵俊民") && drawn.contains("检索条件"));
    // A term no one used: exit 1; a term and no filters but text: exit 2.
    assert_eq!(run(&["spread", "不存在的词语"]).status.code(), Some(1));
    assert_eq!(run(&["spread", "工业", "发展"]).status.code(), Some(2));
    // Grouping by a field no document has is refused, naming it.
    let typo = run(&["spread", "工业", "--by", "bdy"]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(super::util::stderr(&typo).contains("bdy"));
}
