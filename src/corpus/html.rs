//! Text out of a saved web page, read with a real HTML5 parser (html5ever, through
//! `scraper`): the article's title, the lines beside it that say when and from where
//! (`2019年06月15日08:18  来源：人民网`), then the article's body — without the site's
//! navigation, sharing buttons, related links, hidden blocks and footer.
//!
//! The body is found as a reader's eye finds it, by where the prose is, not by a list of
//! sites' class names: every block's own text (outside links) scores for the block, its
//! parent and, at half weight, its grandparent; the block with the most prose, discounted
//! by the share of its text that is links, is the article. A page with no such block
//! (a short notice, a bare fragment) gives its whole body.

use std::borrow::Cow;

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// Largest page parsed: the parser keeps the whole tree (about 150 bytes a node), so a
/// page past this is skipped with its size rather than let take the run's memory. A
/// saved article is a few hundred kilobytes.
pub const MAX_HTML_BYTES: usize = 16 << 20;
/// Elements nested deeper than this are flattened before parsing: the HTML5 tree
/// builder scans the stack of open elements on every block start tag, which is
/// quadratic in the depth (100,000 nested `<div>`s took 34 s). Real pages nest a few
/// dozen deep.
const MAX_NESTING: usize = 256;

/// Elements whose content is never text of the document.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "head", "nav", "footer", "aside", "form",
    "select", "button", "textarea", "iframe", "object", "canvas", "title",
];
/// Elements that end a line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "main",
    "table",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "center",
    "figure",
    "figcaption",
    "address",
    "body",
];
/// A block's own text shorter than this (in characters other than spaces) is a label or
/// a button, not prose: it scores nothing.
const MIN_PARAGRAPH_CHARS: usize = 10;
/// Lines read beside the title (date, source) at most, and the longest such line.
const MAX_TITLE_LINES: usize = 6;
const MAX_TITLE_LINE_CHARS: usize = 150;
/// A title longer than this is a paragraph, not a title.
const MAX_TITLE_CHARS: usize = 200;
/// Blocks of more nodes than this are not read whole as a title or a date line (reading
/// every nested block whole would be quadratic on a page of deeply nested elements).
const MAX_SMALL_BLOCK_NODES: usize = 400;

/// The text of an HTML page: title, the lines under it, the article's body.
pub fn html_to_text(html: &str) -> String {
    let page = Html::parse_document(&bounded_nesting(html));
    let root = page.tree.root();
    let body = root
        .descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "body"))
        .unwrap_or(root);
    let blocks = Blocks::of(body);
    let Some(article) = blocks.article() else {
        // No prose anywhere (a list, a short notice): all the page says, links too.
        return render(body, Links::Kept);
    };
    let mut out = String::new();
    if let Some(title) = find_title(&page, &blocks)
        && !blocks.is_within(title.block, article)
    {
        out.push_str(&title.text);
        out.push('\n');
        for line in lines_beside_title(&blocks, title.block, article) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out.push_str(&render(blocks.list[article].node, Links::LinesDropped));
    out
}

/// One block element of the page, in document order.
struct Block<'a> {
    node: NodeRef<'a, Node>,
    parent: Option<usize>,
    /// Characters (not spaces) of the block's own text, that is, outside inner blocks.
    own: usize,
    /// Of those, inside links.
    own_links: usize,
    /// Characters of the whole subtree, and of its links.
    total: usize,
    total_links: usize,
    /// The last block inside this one (itself if none): blocks `i..=end` are its subtree.
    end: usize,
    /// Nodes of the subtree (elements and texts): work on one block is bounded by it.
    nodes: usize,
}

/// The block elements under `body` in document order, with their text counted; skipped
/// and hidden elements hold no block and count nothing.
struct Blocks<'a> {
    list: Vec<Block<'a>>,
}

impl<'a> Blocks<'a> {
    fn of(body: NodeRef<'a, Node>) -> Self {
        let mut list: Vec<Block<'a>> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        let mut link_depth = 0usize;
        for edge in visible(body) {
            match edge {
                Edge::Open(node) => {
                    if let Some(&current) = open.last() {
                        list[current].nodes += 1;
                    }
                    match node.value() {
                        Node::Element(e) if BLOCKS.contains(&e.name()) => {
                            list.push(Block {
                                node,
                                parent: open.last().copied(),
                                own: 0,
                                own_links: 0,
                                total: 0,
                                total_links: 0,
                                end: list.len(),
                                nodes: 0,
                            });
                            open.push(list.len() - 1);
                        }
                        Node::Element(e) if e.name() == "a" => link_depth += 1,
                        Node::Text(t) => {
                            if let Some(&current) = open.last() {
                                let chars = t.chars().filter(|c| !c.is_whitespace()).count();
                                list[current].own += chars;
                                if link_depth > 0 {
                                    list[current].own_links += chars;
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) => match node.value() {
                    Node::Element(e) if BLOCKS.contains(&e.name()) => {
                        if let Some(closed) = open.pop() {
                            list[closed].end = list.len() - 1;
                        }
                    }
                    Node::Element(e) if e.name() == "a" => {
                        link_depth = link_depth.saturating_sub(1)
                    }
                    _ => {}
                },
            }
        }
        // Subtree sums, children before parents (a child comes after its parent).
        for i in (0..list.len()).rev() {
            list[i].total += list[i].own;
            list[i].total_links += list[i].own_links;
            if let Some(p) = list[i].parent {
                let (total, links, nodes) = (list[i].total, list[i].total_links, list[i].nodes);
                list[p].total += total;
                list[p].total_links += links;
                list[p].nodes += nodes;
            }
        }
        Blocks { list }
    }

    /// Whether block `inner` is block `outer` or inside it.
    fn is_within(&self, inner: usize, outer: usize) -> bool {
        (outer..=self.list[outer].end).contains(&inner)
    }

    /// Whether a block is small enough to read whole (a title, a date line).
    fn is_small(&self, i: usize) -> bool {
        self.list[i].nodes <= MAX_SMALL_BLOCK_NODES
    }

    /// The block that holds the article's prose, if any block holds prose.
    fn article(&self) -> Option<usize> {
        let mut score = vec![0f64; self.list.len()];
        for (i, block) in self.list.iter().enumerate() {
            let prose = block.own - block.own_links;
            if prose < MIN_PARAGRAPH_CHARS {
                continue;
            }
            let prose = prose as f64;
            score[i] += prose;
            if let Some(parent) = block.parent {
                score[parent] += prose;
                if let Some(grandparent) = self.list[parent].parent {
                    score[grandparent] += prose / 2.0;
                }
            }
        }
        let mut best: Option<(usize, f64)> = None;
        for (i, block) in self.list.iter().enumerate() {
            let link_share = block.total_links as f64 / block.total.max(1) as f64;
            let value = score[i] * (1.0 - link_share);
            // On a tie the later block, deeper in the page, wins: it holds less else.
            if value > 0.0 && best.is_none_or(|(_, b)| value >= b) {
                best = Some((i, value));
            }
        }
        best.map(|(i, _)| i)
    }
}

/// Whether an element and its content are left out: not text (scripts, styles, forms),
/// the site's frame (navigation, footer, asides), or hidden from the reader.
fn is_skipped(e: &scraper::node::Element) -> bool {
    if SKIPPED.contains(&e.name()) || e.attr("hidden").is_some() {
        return true;
    }
    e.attr("style").is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

/// The visible text under `node`: a line per block, `<br>` a line break, runs of HTML
/// white space one space (the ideographic space that indents Chinese paragraphs is
/// kept; a non-breaking space is a space). In an article, a line that is all links
/// (`【1】【2】`, a promotion's `点击进入…>>`) is the site's, not the text's: left out.
fn render(node: NodeRef<'_, Node>, links: Links) -> String {
    let mut out = Lines {
        drop_link_lines: links == Links::LinesDropped,
        ..Lines::default()
    };
    let mut pre_depth = 0usize;
    let mut link_depth = 0usize;
    for edge in visible(node) {
        match edge {
            Edge::Open(n) => match n.value() {
                Node::Element(e) => match e.name() {
                    "br" => out.end_line(),
                    "pre" => pre_depth += 1,
                    "a" => link_depth += 1,
                    name if BLOCKS.contains(&name) => out.end_line(),
                    _ => {}
                },
                Node::Text(t) => out.push(t, pre_depth > 0, link_depth > 0),
                _ => {}
            },
            Edge::Close(n) => match n.value().as_element().map(|e| e.name()) {
                Some("pre") => pre_depth = pre_depth.saturating_sub(1),
                Some("a") => link_depth = link_depth.saturating_sub(1),
                Some(name) if BLOCKS.contains(&name) => out.end_line(),
                _ => {}
            },
        }
    }
    out.end_line();
    out.text
}

/// The edges of `node`'s subtree a reader sees: skipped and hidden elements and all
/// they hold left out.
fn visible<'a>(node: NodeRef<'a, Node>) -> impl Iterator<Item = Edge<'a, Node>> {
    let mut skip_depth = 0usize;
    node.traverse().filter(move |edge| match edge {
        Edge::Open(n) => {
            let skipped = skip_depth > 0 || n.value().as_element().is_some_and(is_skipped);
            if skipped && n.value().is_element() {
                skip_depth += 1;
            }
            !skipped
        }
        Edge::Close(n) => {
            if skip_depth == 0 {
                return true;
            }
            if n.value().is_element() {
                skip_depth -= 1;
            }
            false
        }
    })
}

/// Whether an article's lines that are all links are left out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Links {
    Kept,
    LinesDropped,
}

/// Text being laid out in lines, with how much of the current line is link text.
#[derive(Default)]
struct Lines {
    drop_link_lines: bool,
    text: String,
    line_start: usize,
    line_chars: usize,
    line_link_chars: usize,
}

impl Lines {
    fn push(&mut self, text: &str, preformatted: bool, in_link: bool) {
        for c in text.chars() {
            let c = if c == '\u{a0}' { ' ' } else { c };
            if preformatted {
                self.text.push(if c == '\r' { '\n' } else { c });
            } else if c.is_ascii_whitespace() {
                // A run of white space is one space, and none at a line's start.
                if !(self.text.len() == self.line_start || self.text.ends_with([' ', '\n'])) {
                    self.text.push(' ');
                }
            } else {
                self.text.push(c);
            }
            if !c.is_whitespace() {
                self.line_chars += 1;
                self.line_link_chars += usize::from(in_link);
            }
        }
    }

    /// Ends the current line: trailing spaces dropped, a line of links dropped whole.
    fn end_line(&mut self) {
        if self.drop_link_lines && self.line_chars > 0 && self.line_chars == self.line_link_chars {
            self.text.truncate(self.line_start);
        }
        let kept = self.text.trim_end_matches(' ').len().max(self.line_start);
        self.text.truncate(kept);
        if self.text.len() > self.line_start && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        self.line_start = self.text.len();
        self.line_chars = 0;
        self.line_link_chars = 0;
    }
}

/// The page's title and the block that shows it.
struct Title {
    text: String,
    block: usize,
}

/// The title as the page shows it above the article: the block whose text is the title
/// the page declares (`<meta name="ArticleTitle">`, `og:title`, or `<title>` with the
/// site's name after it), else the first `<h1>`.
fn find_title(page: &Html, blocks: &Blocks<'_>) -> Option<Title> {
    let declared = declared_titles(page);
    let mut first_h1 = None;
    for (i, block) in blocks.list.iter().enumerate() {
        let name = block.node.value().as_element().map_or("", |e| e.name());
        if name == "body" || block.total == 0 || !blocks.is_small(i) {
            continue;
        }
        let text = one_line(&render(block.node, Links::Kept));
        if text.is_empty() || text.chars().count() > MAX_TITLE_CHARS {
            continue;
        }
        if declared.iter().any(|d| shows_title(d, &text)) {
            return Some(Title { text, block: i });
        }
        if first_h1.is_none() && name == "h1" {
            first_h1 = Some(Title { text, block: i });
        }
    }
    first_h1
}

/// Whether `shown` is the declared title, or the declared title with the site's name
/// after it (`法国全国大罢工再次严重影响交通-新华网`).
fn shows_title(declared: &str, shown: &str) -> bool {
    if declared == shown {
        return true;
    }
    shown.chars().count() >= 4
        && declared.strip_prefix(shown).is_some_and(|rest| {
            rest.trim_start()
                .starts_with(['-', '_', '|', '－', '｜', '—'])
        })
}

/// The titles a page declares in its head, whitespace squeezed.
fn declared_titles(page: &Html) -> Vec<String> {
    let mut titles = Vec::new();
    for node in page.tree.root().descendants() {
        let Some(e) = node.value().as_element() else {
            continue;
        };
        let content = match e.name() {
            "meta" => {
                let name = e.attr("name").or_else(|| e.attr("property"));
                match name.map(str::to_ascii_lowercase).as_deref() {
                    Some("articletitle" | "og:title") => e.attr("content").map(one_line),
                    _ => None,
                }
            }
            "title" => Some(one_line(
                &node
                    .children()
                    .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                    .collect::<String>(),
            )),
            _ => None,
        };
        if let Some(content) = content.filter(|c| !c.is_empty()) {
            titles.push(content);
        }
    }
    titles
}

/// Text with its lines and runs of spaces joined by one space, trimmed.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The lines between the title and the article that say when or from where: a date
/// (`2019-12-10 07:57:40`, `2019年06月15日`) or a label with its value (`来源：新华网`).
/// Share buttons, counters and logos between them say neither and are left out.
fn lines_beside_title(blocks: &Blocks<'_>, title: usize, article: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for i in title + 1..article {
        if blocks.is_within(i, title) || blocks.list[i].own == 0 || !blocks.is_small(i) {
            continue;
        }
        let text = one_line(&own_text(blocks.list[i].node));
        if text.chars().count() <= MAX_TITLE_LINE_CHARS && says_when_or_whence(&text) {
            lines.push(text);
            if lines.len() == MAX_TITLE_LINES {
                break;
            }
        }
    }
    lines
}

/// The text of a block outside the blocks inside it.
fn own_text(node: NodeRef<'_, Node>) -> String {
    let mut out = Lines::default();
    // Inside a block within `node`.
    let mut inner = 0usize;
    let is_block = |n: &NodeRef<'_, Node>| {
        *n != node
            && n.value()
                .as_element()
                .is_some_and(|e| BLOCKS.contains(&e.name()))
    };
    for edge in visible(node) {
        match edge {
            Edge::Open(n) if is_block(&n) => inner += 1,
            Edge::Close(n) if is_block(&n) => inner -= 1,
            Edge::Open(n) if inner == 0 => {
                if let Some(t) = n.value().as_text() {
                    out.push(t, false, false);
                }
            }
            _ => {}
        }
    }
    out.text
}

/// Whether a line holds a date or a label followed by its value.
fn says_when_or_whence(line: &str) -> bool {
    static WHEN_OR_WHENCE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?:19|20)\d\d\s*[-年/.]\s*\d{1,2}|[\p{Han}]{2,6}\s*[：:]\s*[^\s：:]")
            .expect("date-or-label pattern")
    });
    WHEN_OR_WHENCE.is_match(line)
}

/// Elements with no content (no end tag), and elements that close an open one of their
/// kind (`<p>` after `<p>`): neither nests deeper.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option",
];
/// Elements whose content is text up to their end tag, tags and all.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

/// The page with start tags past `MAX_NESTING` levels dropped (their text kept), in one
/// pass over the markup; a page nested no deeper is returned as it is.
fn bounded_nesting(html: &str) -> Cow<'_, str> {
    let lower = html.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut out: Option<String> = None;
    let (mut copied, mut depth, mut at) = (0usize, 0usize, 0usize);
    // The next `>`, found once for the many `<` before it (`<a<a<a…` is not quadratic).
    let mut next_gt = 0usize;
    while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + found;
        let rest = &lower[start..];
        if rest.starts_with("<!--") {
            at = rest.find("-->").map_or(bytes.len(), |e| start + e + 3);
            continue;
        }
        if next_gt <= start {
            match memchr::memchr(b'>', &bytes[start..]) {
                Some(gt) => next_gt = start + gt,
                None => break,
            }
        }
        let end = next_gt + 1;
        let closing = rest.starts_with("</");
        let name: &str = {
            let from = if closing { 2 } else { 1 };
            let len = rest[from..]
                .bytes()
                .take_while(u8::is_ascii_alphanumeric)
                .count();
            &rest[from..from + len]
        };
        at = start + 1;
        if name.is_empty() || NOT_NESTING.contains(&name) {
            continue;
        }
        at = end;
        if closing {
            depth = depth.saturating_sub(1);
        } else if RAW_TEXT.contains(&name) {
            let close = format!("</{name}");
            at = lower[end..].find(&close).map_or(bytes.len(), |e| end + e);
        } else if !lower[start..end].ends_with("/>") {
            if depth < MAX_NESTING {
                depth += 1;
            } else {
                let out = out.get_or_insert_with(|| String::with_capacity(html.len()));
                out.push_str(&html[copied..start]);
                copied = end;
            }
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut out) => {
            out.push_str(&html[copied..]);
            Cow::Owned(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<&str> {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    }

    #[test]
    fn keeps_paragraphs_and_drops_scripts_and_navigation() {
        let html = "<html><head><title>标题</title><script>var x='稳增长';</script></head><body>\
            <nav>首页 | 下载</nav><h1>关于稳增长的通知</h1><p>第一段&nbsp;文字&amp;内容。</p><!-- 注释 -->\
            <div>第二段<br>换行</div><footer>版权所有</footer></body></html>";
        assert_eq!(
            lines(&html_to_text(html)),
            vec!["关于稳增长的通知", "第一段 文字&内容。", "第二段", "换行"]
        );
    }

    #[test]
    fn deep_nesting_is_flattened_and_its_text_kept() {
        let deep = format!(
            "<p>各地要坚持稳增长。</p>{}稳增长，惠企纾困。",
            "<div>".repeat(200_000)
        );
        let flattened = bounded_nesting(&deep);
        assert_eq!(flattened.matches("<div>").count(), MAX_NESTING);
        assert!(html_to_text(&deep).contains("稳增长，惠企纾困。"));
        // Paragraphs left open do not nest: a page of them is read as it is.
        let open_paragraphs = format!("<div>{}</div>", "<p>稳增长".repeat(1000));
        assert!(matches!(
            bounded_nesting(&open_paragraphs),
            Cow::Borrowed(_)
        ));
        assert_eq!(html_to_text(&open_paragraphs).lines().count(), 1000);
    }

    #[test]
    fn every_named_reference_of_html5_is_decoded() {
        let html =
            "<p>习近平&middot;讲话&hellip;&lsquo;稳增长&rsquo;&times;&mdash;&#x4E2D;&#22269;</p>";
        assert_eq!(
            lines(&html_to_text(html)),
            vec!["习近平·讲话…‘稳增长’×—中国"]
        );
    }
}
