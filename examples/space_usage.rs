//! Bytes per field and per component of an index, to see where its size goes:
//! `cargo run --release --example space_usage -- INDEX_DIR`.

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "index".to_string());
    let handle = match gongwen::catalog::IndexHandle::open(std::path::Path::new(&dir)) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("space_usage: {e}");
            std::process::exit(2);
        }
    };
    let searcher = handle.reader.searcher();
    let usage = match searcher.space_usage() {
        Ok(u) => u,
        Err(e) => {
            eprintln!("space_usage: {e}");
            std::process::exit(2);
        }
    };
    let mut totals: std::collections::BTreeMap<String, u64> = Default::default();
    for segment in usage.segments() {
        for (component, fields) in [
            ("postings", segment.postings()),
            ("positions", segment.positions()),
            ("terms", segment.termdict()),
            ("fast", segment.fast_fields()),
            ("fieldnorms", segment.fieldnorms()),
        ] {
            for field in fields.fields() {
                *totals
                    .entry(format!("{component} {}", field.field_name()))
                    .or_default() += field.total().get_bytes();
            }
        }
        *totals.entry("store".to_string()).or_default() += segment.store().total().get_bytes();
    }
    println!("{} segments", usage.segments().len());
    for (what, bytes) in totals.iter().filter(|(_, b)| **b > 0) {
        println!("{what:<24} {:>8.2} MB", *bytes as f64 / 1e6);
    }
    let total: u64 = totals.values().sum();
    println!("{:<24} {:>8.2} MB", "tantivy total", total as f64 / 1e6);
}
