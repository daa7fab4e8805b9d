//! The text reuse pages: `/reuse` (two sets of documents, each a set of filters; the
//! documents by how much of them the other set holds, and the pairs by shared share) and
//! `/reuse/pair` (two documents side by side, their shared passages marked, the differing
//! characters inside them underlined, each passage linked to its counterpart).

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::{Html, Response};
use maud::{Markup, html};

use super::html::{Frame, answer, page};
use super::i18n::Lang;
use super::pages::examples;
use super::params::Params;
use super::{App, Failure};
use crate::catalog::DocumentRecord;
use crate::reuse::{Allowance, Reuse, ReuseOptions, SharedPassage, reuse, reuse_pair};

/// Documents and pairs listed on the page.
const SHOWN: usize = 100;

/// The page's own words (the navigation's is in `i18n`).
struct ReuseWords {
    first: &'static str,
    second: &'static str,
    within: &'static str,
    start: &'static str,
    note: &'static str,
    candidates: &'static str,
    pairs: &'static str,
    passages: &'static str,
    documents_by_share: &'static str,
    pairs_by_share: &'static str,
    shared: &'static str,
    characters: &'static str,
    partners: &'static str,
    most_from: &'static str,
    parts: &'static str,
    document: &'static str,
    side_by_side: &'static str,
    identity: &'static str,
    held_by: &'static str,
    pair_note: &'static str,
}

const ZH: ReuseWords = ReuseWords {
    first: "第一组",
    second: "第二组",
    within: "（留空：第一组内部两两比较）",
    start: "比较两组文档，找出它们共有的段落（含改了地名、数字或插入词句的近似抄录），例如",
    note: "候选文档对由共有的 8 字指纹（筛选指纹法，窗口 10）选出，再逐对做局部比对：相同字 +1，\
           替换、插入、删除各 −2，连续相差超过 15 字即截断；默认保留两边各至少 30 字、\
           相同字占比至少 80%、得分至少 25 的段落。出现在超过 50 篇被比较文档中的文字视为套话，\
           不计入。比较时忽略空白，全角半角统一，逗号、顿号、分号视为同一标点。",
    candidates: "候选文档对",
    pairs: "对文档共有",
    passages: "个段落",
    documents_by_share: "各文档共有文字占比",
    pairs_by_share: "文档对（按共有占比）",
    shared: "共有",
    characters: "字数",
    partners: "关联文档",
    most_from: "共有最多的文档",
    parts: "所在段落",
    document: "文档",
    side_by_side: "对照",
    identity: "相同",
    held_by: "篇文档含此段",
    pair_note: "黄色为两文档共有的段落，下划线为其中不同的字；点击一段跳到另一文档中的对应段落。",
};

const EN: ReuseWords = ReuseWords {
    first: "First set",
    second: "Second set",
    within: "(empty: pairs within the first set)",
    start: "Compare two sets of documents and find the passages they share (near-copies \
            included: a changed place name, a number, an inserted clause), for example",
    note: "Candidate pairs share 8-character fingerprints (winnowing, window 10); each pair is \
           aligned locally: +1 per identical character, −2 per substitution, insertion or \
           deletion, cut where more than 15 characters in a row differ. Kept by default: \
           passages of at least 30 characters on each side, at least 80% identical, scoring at \
           least 25. Text in more than 50 of the compared documents is boilerplate and left \
           out. Whitespace is ignored, full- and half-width forms are one, and so are the \
           commas ，、；.",
    candidates: "candidate pairs",
    pairs: "pairs share",
    passages: "passages",
    documents_by_share: "Documents by their shared share",
    pairs_by_share: "Pairs by shared share",
    shared: "Shared",
    characters: "Characters",
    partners: "With",
    most_from: "Shares most with",
    parts: "Paragraphs",
    document: "Document",
    side_by_side: "side by side",
    identity: "identical",
    held_by: "documents hold it",
    pair_note: "Yellow: passages both documents hold; underlined: the characters that differ \
                inside them. Click a passage to go to its counterpart.",
};

fn words(lang: Lang) -> &'static ReuseWords {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// The shared passages of the sets a request asks for.
pub(crate) async fn computed(app: &Arc<App>, params: &Params) -> Result<Reuse, Failure> {
    if params.value("q").is_none() {
        return Err(Failure::Bad(
            "no first set given (q=doc_type:政府工作报告 year:2026)".into(),
        ));
    }
    let (first, second) = params.keyword_sides(&app.limits)?;
    let budget = app.limits.reuse_memory;
    app.run(super::heavy, move |handle| {
        first.check_fields(handle)?;
        if let Some(s) = &second {
            s.check_fields(handle)?;
        }
        reuse(
            handle,
            (&first, second.as_ref()),
            &ReuseOptions::default(),
            &Allowance::new("reuse", budget),
            &|_, _| {},
        )
    })
    .await
}

/// `/reuse?q=FIRST[&vs=SECOND]`: the documents and pairs by shared share.
pub(crate) async fn reuse_page(
    State(app): State<Arc<App>>,
    Query(params): Query<Params>,
) -> Response {
    let frame = Frame::new("/reuse", &params);
    answer(sets_page(&app, &params).await, &frame, || form(&params))
}

fn form(params: &Params) -> Markup {
    let r = words(params.lang());
    super::pages::two_sets_form(
        "/reuse",
        params,
        (r.first, "doc_type:政府工作报告 year:2026"),
        (r.second, r.within),
        r.note,
    )
}

fn percent(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// A document's title linking to it.
fn title_link(d: &DocumentRecord, params: &Params) -> Markup {
    let date = d
        .meta
        .date
        .map(|x| params.lang().date(x))
        .unwrap_or_default();
    html! {
        a href={ "/doc/" (d.id) (params.lang_only()) } { (d.meta.title.as_deref().unwrap_or(&d.path)) }
        " " span class="count" { (date) }
    }
}

fn pair_link(a: &DocumentRecord, b: &DocumentRecord, params: &Params) -> String {
    let lang = params
        .lang()
        .param()
        .map_or(String::new(), |l| format!("&lang={l}"));
    format!("/reuse/pair?a={}&b={}{lang}", a.id, b.id)
}

async fn sets_page(app: &Arc<App>, params: &Params) -> Result<Html<String>, Failure> {
    let frame = Frame::new("/reuse", params);
    let (lang, w, r) = (frame.lang, frame.words(), words(frame.lang));
    if params.value("q").is_none() {
        let example = Params {
            vs: Some("doc_type:政府工作报告 level:national year:2025".into()),
            lang: lang.param().map(str::to_string),
            ..Params::default()
        };
        let content = html! {
            main { div class="content" {
                (form(params))
                p { (r.start) " " (examples(&example, "/reuse", &["doc_type:政府工作报告 year:2026"])) "。" }
            } }
        };
        return Ok(page(&frame, w.nav_reuse, "reuse", content));
    }
    let found = computed(app, params).await?;
    let q = params.with("page", None);
    let docs = &found.documents;
    let content = html! {
        main { div class="content" {
            (form(params))
            p class="totals" {
                (r.first) (w.separator) (lang.documents(found.first_documents))
                @if found.two_sets { " · " (r.second) (w.separator) (lang.documents(found.second_documents)) }
                " · " (lang.number(found.candidates)) " " (r.candidates)
                " · " (lang.number(found.pairs.len())) " " (r.pairs) " "
                (lang.number(found.passages.len())) " " (r.passages)
            }
            p {
                (w.download) (w.separator)
                a href={ "/api/reuse" (q) "&format=csv" } { "CSV" } " · "
                a href={ "/api/reuse" (q) } { "JSON" }
            }
            h3 { (r.documents_by_share) }
            div class="scroll" { table {
                thead { tr { th { "#" } th { (r.shared) } th { (r.characters) } th { (r.partners) } th { (r.document) } th { (r.parts) } th { (r.most_from) } } }
                tbody { @for (i, s) in found.shares.iter().take(SHOWN).enumerate() {
                    tr {
                        td class="num" { (i + 1) }
                        td class="num" { (percent(s.share)) }
                        td class="num" { (lang.number(s.shared as usize)) }
                        td class="num" { (s.partners) }
                        td { (title_link(&docs[s.doc], params)) }
                        td { (crate::output::reuse::parts(&s.parts)) }
                        td { a href=(pair_side_link(&found, s.doc, s.main_partner, params)) { (docs[s.main_partner].meta.title.as_deref().unwrap_or(&docs[s.main_partner].path)) } }
                    }
                } }
            } }
            h3 { (r.pairs_by_share) }
            div class="scroll" { table {
                thead { tr { th { "#" } th { (r.first) } th { (r.second) } th { (r.passages) } th { (r.document) } th { (r.document) } th {} } }
                tbody { @for (i, p) in found.pairs.iter().take(SHOWN).enumerate() {
                    tr {
                        td class="num" { (i + 1) }
                        td class="num" { (percent(p.a_share)) }
                        td class="num" { (percent(p.b_share)) }
                        td class="num" { (p.passages) }
                        td { (title_link(&docs[p.a], params)) }
                        td { (title_link(&docs[p.b], params)) }
                        td { a href=(pair_link(&docs[p.a], &docs[p.b], params)) { (r.side_by_side) } }
                    }
                } }
            } }
        } }
    };
    Ok(page(&frame, w.nav_reuse, "reuse", content))
}

/// The side-by-side link of a document and its main partner, the first set's on the left.
fn pair_side_link(found: &Reuse, doc: usize, partner: usize, params: &Params) -> String {
    let docs = &found.documents;
    let left_first = found.pairs.iter().any(|p| (p.a, p.b) == (doc, partner));
    if left_first {
        pair_link(&docs[doc], &docs[partner], params)
    } else {
        pair_link(&docs[partner], &docs[doc], params)
    }
}

/// `/reuse/pair?a=ID&b=ID`: two documents side by side.
pub(crate) async fn pair(State(app): State<Arc<App>>, Query(params): Query<Params>) -> Response {
    let frame = Frame::new("/reuse/pair", &params);
    answer(pair_page(&app, &params).await, &frame, || form(&params))
}

async fn pair_page(app: &Arc<App>, params: &Params) -> Result<Html<String>, Failure> {
    let frame = Frame::new("/reuse/pair", params);
    let (lang, w, r) = (frame.lang, frame.words(), words(frame.lang));
    let (Some(a), Some(b)) = (params.a, params.b) else {
        return Err(Failure::Bad(
            "two documents are needed: /reuse/pair?a=ID&b=ID".into(),
        ));
    };
    if a == b {
        return Err(Failure::Bad(format!("document {a} is set beside itself")));
    }
    let answer = app
        .run(super::heavy, move |handle| {
            let Some(found) = reuse_pair(handle, a, b, &ReuseOptions::default())? else {
                return Ok(None);
            };
            let text = |id| crate::search::document_text(handle, id, &[], false);
            Ok(Some((found, [text(a)?, text(b)?])))
        })
        .await?;
    let Some((found, texts)) = answer else {
        return Err(Failure::NotFound(format!("no document {a} or {b}")));
    };
    let record = |id: u64| found.documents.iter().find(|d| d.id == id);
    let (Some(da), Some(db)) = (record(a), record(b)) else {
        return Err(Failure::NotFound(format!(
            "document {a} or {b} has no text"
        )));
    };
    let share = found
        .pairs
        .first()
        .map_or((0.0, 0.0), |p| (p.a_share, p.b_share));
    let content = html! {
        main { div class="content" {
            p class="totals" {
                (lang.number(found.passages.len())) " " (r.passages) " · "
                (r.shared) (w.separator) (w.left) " " (percent(share.0)) " · " (w.right) " " (percent(share.1))
            }
            p class="hint" { (r.pair_note) }
            div class="pair" {
                (column(da, &texts[0], &found.passages, Side::A, params))
                (column(db, &texts[1], &found.passages, Side::B, params))
            }
        } }
    };
    Ok(page(&frame, w.nav_reuse, "reuse", content))
}

/// A character's shared passage (its position) and whether it differs there.
type Label = Option<(usize, bool)>;

/// A paragraph as runs of text, each with its passage, whether it differs, and whether
/// it is the passage's first run (which carries the passage's id).
type Paragraph = Vec<(String, Option<(usize, bool, bool)>)>;

#[derive(Clone, Copy, PartialEq)]
enum Side {
    A,
    B,
}

/// Per character of a document's text: the shared passage holding it, and whether it
/// differs from the other document there.
fn labels(length: usize, passages: &[SharedPassage], side: Side) -> Vec<Label> {
    let mut out = vec![None; length];
    for (k, p) in passages.iter().enumerate() {
        let mut at = if side == Side::A {
            p.a_span.0
        } else {
            p.b_span.0
        } as usize;
        for s in &p.segments {
            let text = if side == Side::A { &s.a } else { &s.b };
            for _ in text.chars() {
                if let Some(slot) = out.get_mut(at) {
                    *slot = Some((k, !s.same));
                }
                at += 1;
            }
        }
    }
    out
}

/// One document's column: its title, then its paragraphs with the shared text marked.
fn column(
    d: &DocumentRecord,
    passages: &[crate::search::DocumentPassage],
    shared: &[SharedPassage],
    side: Side,
    params: &Params,
) -> Markup {
    let (mine, other) = if side == Side::A {
        ("a", "b")
    } else {
        ("b", "a")
    };
    let r = words(params.lang());
    let length: usize = passages.iter().map(|p| p.text.chars().count() + 1).sum();
    let labels = labels(length, shared, side);
    // Each paragraph as runs of text with one label; a passage's first run carries its id.
    let mut at = 0;
    let mut opened = vec![false; shared.len()];
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    for p in passages {
        let chars: Vec<char> = p.text.chars().collect();
        let here = &labels[at..at + chars.len()];
        paragraphs.push(
            runs(here)
                .into_iter()
                .map(|(s, e, l)| {
                    let text: String = chars[s..e].iter().collect();
                    let l = l
                        .map(|(k, differs)| (k, differs, !std::mem::replace(&mut opened[k], true)));
                    (text, l)
                })
                .collect(),
        );
        at += chars.len() + 1;
    }
    html! {
        div class="side" {
            h3 { (title_link(d, params)) }
            div class="doc-text" { @for paragraph in &paragraphs {
                p {
                    @for (text, label) in paragraph {
                        @match label {
                            None => (text),
                            Some((k, differs, first)) => {
                                a class="shared" href={ "#" (other) (k) } id=[first.then(|| format!("{mine}{k}"))]
                                    title={ (percent(shared[*k].identity())) " " (r.identity) " · " (shared[*k].documents) " " (r.held_by) } {
                                    mark class=[differs.then_some("differs")] { (text) }
                                }
                            }
                        }
                    }
                }
            } }
        }
    }
}

/// Runs of equal labels: `(start, end, label)`.
fn runs(labels: &[Label]) -> Vec<(usize, usize, Label)> {
    let mut out: Vec<(usize, usize, Label)> = Vec::new();
    for (i, &l) in labels.iter().enumerate() {
        match out.last_mut() {
            Some(last) if last.2 == l => last.1 = i + 1,
            _ => out.push((i, i + 1, l)),
        }
    }
    out
}
