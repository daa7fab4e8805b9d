//! The JSON API under `/api/`: the same objects as the commands' `--json` (and the same
//! CSV), written by the same printers. `search` answers one JSON object (totals, the
//! page of documents as `search --json` prints them, the facets); `mentions`, `trend`
//! and `docs` answer JSON Lines exactly as their commands print them, or CSV with
//! `format=csv`; `doc/{id}` answers the document and its passages.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::counting::{entities, group_by};
use super::params::Params;
use super::{App, Failure};
use crate::catalog::DocumentRecord;
use crate::mentions::counts::{CountTable, RowOrder};
use crate::mentions::sort::sort_by_context;
use crate::output::{self, JsonDocumentHit, MentionPrinter};
use crate::search::aliases::Aliases;
use crate::search::facets::Facets;
use crate::search::{self, DocumentPassage};
use crate::trend::{self, PeriodKind};

/// The JSON of a failure, with its status.
pub(crate) fn failure(failure: &Failure) -> Response {
    let body = serde_json::json!({
        "error": failure.message(super::i18n::Lang::En),
        "status": failure.status().as_u16(),
    });
    (failure.status(), axum::Json(body)).into_response()
}

fn json<T: Serialize>(value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(bytes) => ([(header::CONTENT_TYPE, "application/json")], bytes).into_response(),
        Err(e) => failure(&Failure::Internal(e.to_string())),
    }
}

/// Printed bytes (or a stream of them) as JSON Lines or CSV (a download, named `name`;
/// a browser that reads RFC 6266's `filename*` names it after what it was made with too,
/// `trend-新质生产力 doc_type:政府工作报告.csv`, so that the file says what it holds).
fn printed(bytes: impl Into<Body>, csv: bool, name: &str, made_with: &str) -> Response {
    let (kind, extension) = if csv {
        ("text/csv; charset=utf-8", "csv")
    } else {
        ("application/x-ndjson; charset=utf-8", "jsonl")
    };
    let said: String = made_with
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '/' | '\\' | '"'))
        .take(80)
        .collect();
    let mut disposition = format!("attachment; filename=\"{name}.{extension}\"");
    if !said.is_empty() {
        let full = format!("{name}-{said}.{extension}");
        let encoded: String = full
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect();
        disposition.push_str(&format!("; filename*=UTF-8''{encoded}"));
    }
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, kind.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes.into(),
    )
        .into_response()
}

fn reply<T>(result: Result<T, Failure>, ok: impl FnOnce(T) -> Response) -> Response {
    match result {
        Ok(v) => ok(v),
        Err(f) => failure(&f),
    }
}

#[derive(Serialize)]
struct SearchAnswer<'a> {
    documents: usize,
    passages: usize,
    page: usize,
    page_size: usize,
    hits: Vec<JsonDocumentHit<'a>>,
    facets: &'a Facets,
}

/// Documents in a search's CSV (`format=csv`).
const SEARCH_CSV_DOCUMENTS: usize = 1000;

/// `/api/search?q=…&page=N&limit=N` with the filters of the search page; with
/// `format=csv` the first [`SEARCH_CSV_DOCUMENTS`] documents as CSV, their passages
/// shown.
pub(crate) async fn search(State(app): State<Arc<App>>, Query(params): Query<Params>) -> Response {
    let csv = params.value("format") == Some("csv");
    let answer = async {
        if params.value("q").is_none() {
            return Err(Failure::Bad("no query given (q=…)".into()));
        }
        let query = params.query(&app.limits)?;
        let filters = params.filters()?;
        // A CSV is the result list to keep: its first documents, not a page of them.
        let size = if csv {
            SEARCH_CSV_DOCUMENTS
        } else {
            app.limits.page_size.min(20)
        };
        let first = if csv { 0 } else { (params.page() - 1) * size };
        let sort = params.sort();
        let text = params.text(&app.limits)?;
        let answer =
            super::searching::kept_search(&app, &text, query, filters, sort, first..first + size)
                .await?;
        Ok((answer, size))
    };
    let page = params.page();
    if csv {
        return reply(answer.await, |(answer, _)| {
            let results = &answer.0;
            let mut bytes = Vec::new();
            match output::search_csv(&mut bytes, &params.made_with(), &results.hits) {
                Ok(()) => printed(bytes, true, "search", &params.made_with()),
                Err(e) => failure(&Failure::Internal(e.to_string())),
            }
        });
    }
    reply(answer.await, |(answer, size)| {
        let (results, facets) = &*answer;
        json(&SearchAnswer {
            documents: results.documents,
            passages: results.passages,
            page,
            page_size: size,
            hits: results.hits.iter().map(JsonDocumentHit::new).collect(),
            facets,
        })
    })
}

/// `/api/mentions?q=…` every occurrence (as `mentions --json`, or `--csv`), or with
/// `by=year|doc|speaker|body` the count table (as `mentions --by … --json`).
pub(crate) async fn mentions(
    State(app): State<Arc<App>>,
    Query(params): Query<Params>,
) -> Response {
    let csv = params.value("format") == Some("csv");
    let answer = async {
        let (terms, written) = params.terms(&app.limits)?;
        if terms.is_empty() {
            return Err(Failure::Bad("no term given (q=…)".into()));
        }
        let filters = params.filters()?.and(&written);
        let by = params.value("by").map(|_| group_by(&params));
        let sort = super::counting::context_sort(&params);
        let near = super::counting::near_word(&params);
        let weigh = terms.clone();
        app.stream(super::broad_terms(weigh), move |handle, out| {
            filters.check_fields(handle)?;
            let entities = entities(handle, &terms)?;
            let names: Vec<String> = entities.iter().map(|e| e.name.clone()).collect();
            let printed = match by {
                Some(by) => {
                    let counts = crate::mentions::occurrences(handle, &entities, &filters)?;
                    let sizes = crate::mentions::dispersion::part_sizes_of(handle, &filters, by)?;
                    let table = CountTable::new(&counts, &names, by, RowOrder::Count)
                        .with_dispersion(&sizes);
                    if csv {
                        output::count_table_csv(out, &table)
                    } else {
                        output::count_table_json(out, &table)
                    }
                }
                None => {
                    let mut printer: Box<dyn MentionPrinter> = if csv {
                        Box::new(output::Csv::default())
                    } else {
                        Box::new(output::JsonLines)
                    };
                    if sort.is_some() || near.is_some() {
                        // Near a word, or sorted by context: every line collected first.
                        let mut all = crate::mentions::mentions(handle, &entities, &filters)?;
                        if let Some((word, window)) = &near {
                            all =
                                crate::mentions::near::near(&handle.segmenter, all, word, *window);
                        }
                        if let Some(side) = sort {
                            sort_by_context(&handle.segmenter, &mut all, side);
                        }
                        printer
                            .document(out, &all)
                            .map_err(|e| crate::Error::Serve(e.to_string()))?;
                    } else {
                        crate::mentions::for_each_document(
                            handle,
                            &entities,
                            &filters,
                            &mut |m| {
                                printer
                                    .document(out, &m)
                                    .map_err(|e| crate::Error::Serve(e.to_string()))
                            },
                        )?;
                    }
                    printer.finish(out)
                }
            };
            printed.map_err(|e| crate::Error::Serve(e.to_string()))
        })
        .await
    };
    reply(answer.await, |bytes| {
        printed(bytes, csv, "mentions", &params.made_with())
    })
}

/// `/api/trend?q=…&by=year|month`, as `trend --json` (or `--csv`).
pub(crate) async fn trend(State(app): State<Arc<App>>, Query(params): Query<Params>) -> Response {
    let csv = params.value("format") == Some("csv");
    let answer = async {
        let (terms, written) = params.terms(&app.limits)?;
        if terms.is_empty() {
            return Err(Failure::Bad("no phrase given (q=…)".into()));
        }
        let filters = params.filters()?.and(&written);
        let kind = if params.value("by") == Some("month") {
            PeriodKind::Month
        } else {
            PeriodKind::Year
        };
        app.run(super::heavy, move |handle| {
            filters.check_fields(handle)?;
            let result = trend::trend(handle, &entities(handle, &terms)?, &filters, kind)?;
            let mut out = Vec::new();
            if csv {
                output::trend_csv(&mut out, &result)
            } else {
                output::trend_json(&mut out, &result)
            }
            .map_err(|e| crate::Error::Serve(e.to_string()))?;
            Ok(out)
        })
        .await
    };
    reply(answer.await, |bytes| {
        printed(bytes, csv, "trend", &params.made_with())
    })
}

/// `/api/docs` with filters, as `docs --json`.
pub(crate) async fn docs(State(app): State<Arc<App>>, Query(params): Query<Params>) -> Response {
    let answer = async {
        let (words, written) = params.terms(&app.limits)?;
        if let Some(word) = words.first() {
            return Err(Failure::Bad(format!(
                "{word}: docs takes filters only (FIELD:VALUE)"
            )));
        }
        let filters = params.filters()?.and(&written);
        app.stream(super::light, move |handle, out| {
            filters.check_fields(handle)?;
            let all = handle.catalog.documents()?;
            let docs: Vec<&DocumentRecord> = all
                .iter()
                .filter(|d| filters.admits(d))
                .map(|d| &**d)
                .collect();
            output::docs_json(out, &docs).map_err(|e| crate::Error::Serve(e.to_string()))
        })
        .await
    };
    reply(answer.await, |bytes| {
        printed(bytes, false, "documents", &params.made_with())
    })
}

#[derive(Serialize)]
struct DocumentAnswer {
    document: DocumentRecord,
    passages: Vec<PassageJson>,
}

/// A passage as search JSON gives it: `passage` null and `in` `"header"` for the
/// header's lines.
#[derive(Serialize)]
struct PassageJson {
    passage: Option<u64>,
    #[serde(rename = "in")]
    place: &'static str,
    text: String,
    highlights: Vec<(usize, usize)>,
}

impl From<DocumentPassage> for PassageJson {
    fn from(p: DocumentPassage) -> PassageJson {
        let header = p.passage == crate::document::HEADER_PASSAGE;
        PassageJson {
            passage: (!header).then_some(p.passage),
            place: if header { "header" } else { "passage" },
            text: p.text,
            highlights: p.highlights,
        }
    }
}

/// `/api/doc/{id}?q=…`: the document's record (as `docs --json`) and its passages, the
/// header last, with the matches of `q`.
pub(crate) async fn document(
    State(app): State<Arc<App>>,
    Path(id): Path<u64>,
    Query(params): Query<Params>,
) -> Response {
    let answer = async {
        let literals = params.literals(&app.limits)?;
        app.run(super::light, move |handle| {
            let Some(document) = handle.catalog.find_document(id)? else {
                return Ok(None);
            };
            let literals: Vec<&str> = literals.iter().map(String::as_str).collect();
            let passages = search::document_text(handle, id, &literals, true)?;
            let passages = passages.into_iter().map(PassageJson::from).collect();
            Ok(Some(DocumentAnswer { document, passages }))
        })
        .await?
        .ok_or_else(|| Failure::NotFound(format!("no document {id}")))
    };
    reply(answer.await, |a| json(&a))
}

/// `/api/keywords?q=TARGET&vs=REFERENCE`, as `keywords --json` (or `--csv`) prints them,
/// every keyword of both directions.
pub(crate) async fn keywords(
    State(app): State<Arc<App>>,
    Query(params): Query<Params>,
) -> Response {
    let csv = params.value("format") == Some("csv");
    let answer = async {
        let (target, reference) = params.keyword_sides(&app.limits)?;
        app.run(super::heavy, move |handle| {
            target.check_fields(handle)?;
            if let Some(r) = &reference {
                r.check_fields(handle)?;
            }
            let found = crate::research::keywords_of(
                handle,
                &target,
                reference.as_ref(),
                &crate::research::KeywordOptions::default(),
            )?;
            let mut out = Vec::new();
            if csv {
                output::research::keywords_csv(&mut out, &found, usize::MAX)
            } else {
                output::research::keywords_json(&mut out, &found, usize::MAX)
            }
            .map_err(|e| crate::Error::Serve(e.to_string()))?;
            Ok(out)
        })
        .await
    };
    reply(answer.await, |bytes| {
        printed(bytes, csv, "keywords", &params.made_with())
    })
}

/// `/api/collocates?q=TERM [filters]`, as `collocates --window 5 --limit 0 --json` (or
/// `--csv`) prints them.
pub(crate) async fn collocates(
    State(app): State<Arc<App>>,
    Query(params): Query<Params>,
) -> Response {
    let csv = params.value("format") == Some("csv");
    let window = params.window.unwrap_or(5).clamp(1, 50);
    let answer = async {
        let (term, filters) = super::keywording::collocate_node(&app, &params)?
            .ok_or_else(|| Failure::Bad("no term given (q=…)".into()))?;
        app.run(super::heavy, move |handle| {
            filters.check_fields(handle)?;
            let node = Aliases::of_corpus(handle)?.entity(&term);
            let found = crate::research::collocates(handle, &node, &filters, window, 2)?;
            let mut out = Vec::new();
            if csv {
                output::research::collocates_csv(&mut out, &found, usize::MAX)
            } else {
                output::research::collocates_json(&mut out, &found, usize::MAX)
            }
            .map_err(|e| crate::Error::Serve(e.to_string()))?;
            Ok(out)
        })
        .await
    };
    reply(answer.await, |bytes| {
        printed(bytes, csv, "collocates", &params.made_with())
    })
}

/// `/api/spread?q=TERM&by=province[&lead=GROUP]`: `gongwen spread --json` (or `--csv`
/// with `format=csv`), one object per group.
pub(crate) async fn spread(State(app): State<Arc<App>>, Query(params): Query<Params>) -> Response {
    let csv = params.value("format") == Some("csv");
    let answer = async {
        let asked = super::spreading::asked(&app, &params)?
            .ok_or_else(|| Failure::Bad("no term given (q=…)".into()))?;
        let found = super::spreading::computed(&app, asked).await?;
        let mut out = Vec::new();
        if csv {
            output::spread::spread_csv(&mut out, &found)
        } else {
            output::spread::spread_json(&mut out, &found)
        }
        .map_err(|e| Failure::from(crate::Error::Serve(e.to_string())))?;
        Ok(out)
    };
    reply(answer.await, |bytes| {
        printed(bytes, csv, "spread", &params.made_with())
    })
}

/// New words and sequences listed by `/api/new` (each list): the best first, as many
/// as a researcher reads; `gongwen new --limit 0` lists all.
const NEW_LISTED: usize = 500;

/// `/api/new?q=SLICE[&vs=COMPARISON]`: `gongwen new --limit 500 --json` (or `--csv`).
pub(crate) async fn new(State(app): State<Arc<App>>, Query(params): Query<Params>) -> Response {
    let csv = params.value("format") == Some("csv");
    let answer = async {
        let found = super::formulations::computed(&app, &params, NEW_LISTED).await?;
        let mut out = Vec::new();
        if csv {
            output::research::new_words_csv(&mut out, &found)
        } else {
            output::research::new_words_json(&mut out, &found)
        }
        .map_err(|e| Failure::from(crate::Error::Serve(e.to_string())))?;
        Ok(out)
    };
    reply(answer.await, |bytes| {
        printed(bytes, csv, "new", &params.made_with())
    })
}

/// `/api/reuse?q=FIRST[&vs=SECOND][&format=csv]`: one row per shared passage, as
/// `gongwen reuse --json` (`--csv`).
pub(crate) async fn reuse(State(app): State<Arc<App>>, Query(params): Query<Params>) -> Response {
    let csv = params.value("format") == Some("csv");
    let answer = async {
        let found = super::reusing::computed(&app, &params).await?;
        let mut out = Vec::new();
        if csv {
            output::reuse::csv(&mut out, &found)
        } else {
            output::reuse::json(&mut out, &found)
        }
        .map_err(|e| Failure::from(crate::Error::Serve(e.to_string())))?;
        Ok(out)
    };
    reply(answer.await, |bytes| {
        printed(bytes, csv, "reuse", &params.made_with())
    })
}
