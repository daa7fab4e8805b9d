#!/usr/bin/env python3
"""The browser test of `gongwen serve`: headless Chromium, driven over WebDriver
(chromedriver, standard library only), does what a researcher does — types a query,
clicks a facet and a histogram bar, opens a document, jumps to the next hit, downloads a
CSV — and checks each page; it saves a screenshot of each step.

    python3 tests/browser/run.py BIN [SHOTS_DIR]      # .ci/run runs it after the tests

Chromium and chromedriver (Debian: chromium, chromium-driver) are installed when missing;
when they cannot be, the test says so and is skipped (exit 0); any failure once they run
is exit 1.
"""
import base64
import csv
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


def ensure_browser():
    if shutil.which("chromium") and shutil.which("chromedriver"):
        return True
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    for cmd in (["apt-get", "update", "-qq"],
                ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium", "chromium-driver"]):
        if subprocess.run(sudo + cmd, capture_output=True).returncode != 0:
            break
    return bool(shutil.which("chromium") and shutil.which("chromedriver"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Driver:
    """A WebDriver session, over HTTP."""

    def __init__(self, downloads, profile):
        self.port = free_port()
        self.process = subprocess.Popen(["chromedriver", f"--port={self.port}"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                self.call("GET", "/status")
                break
            except OSError:
                time.sleep(0.1)
        options = {
            "binary": shutil.which("chromium"),
            # No background networking: this machine's network is closed, and Chromium's
            # own connections (updates, sync, lookups) would be refused at every start.
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000",
                     "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", f"--user-data-dir={profile}"],
            "prefs": {"download.default_directory": downloads, "download.prompt_for_download": False},
        }
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": options}}}
        self.session = self.call("POST", "/session", caps)["sessionId"]

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as r:
            return json.loads(r.read())["value"]

    def s(self, method, path, body=None):
        return self.call(method, f"/session/{self.session}{path}", body)

    def go(self, url):
        self.s("POST", "/url", {"url": url})

    def find(self, css):
        return self.s("POST", "/element", {"using": "css selector", "value": css})[ELEMENT]

    def click(self, css):
        self.s("POST", f"/element/{self.find(css)}/click", {})

    def type(self, css, text):
        self.s("POST", f"/element/{self.find(css)}/value", {"text": text})

    def js(self, script, *args):
        return self.s("POST", "/execute/sync", {"script": script, "args": list(args)})

    def key(self, key):
        self.s("POST", "/actions", {"actions": [{"type": "key", "id": "keyboard", "actions": [
            {"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}]}]})

    def url(self):
        return self.s("GET", "/url")

    def width(self, px):
        """The page laid out as on a screen `px` wide (a phone at 375), or as the window
        is (`None`)."""
        if px is None:
            self.s("POST", "/goog/cdp/execute", {"cmd": "Emulation.clearDeviceMetricsOverride", "params": {}})
        else:
            self.s("POST", "/goog/cdp/execute", {"cmd": "Emulation.setDeviceMetricsOverride", "params": {
                "width": px, "height": 900, "deviceScaleFactor": 1, "mobile": px < 700}})

    def shot(self, path):
        with open(path, "wb") as f:
            f.write(base64.b64decode(self.s("GET", "/screenshot")))

    def quit(self):
        try:
            self.s("DELETE", "")
        finally:
            self.process.terminate()


# Selects each paragraph of a document page as a reader would and returns what a copy
# holds: [id, text] per paragraph.
COPY_PARAGRAPHS = """
var out = [];
document.querySelectorAll('.doc-text p').forEach(function (p) {
  var range = document.createRange();
  range.selectNodeContents(p);
  var selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  out.push([p.id, selection.toString()]);
});
window.getSelection().removeAllRanges();
return out;
"""

# Per concordance row: its three texts, whether the left context's characters are drawn
# left to right in text order (those not clipped away), and whether the keyword is one line.
READ_CONCORDANCE = """
var out = [];
document.querySelectorAll('.kwic tr').forEach(function (tr) {
  var span = tr.querySelector('td.left span');
  var cell = tr.querySelector('td.left').getBoundingClientRect();
  var node = span.firstChild;
  var order = true, last = -Infinity;
  if (node) {
    var range = document.createRange();
    for (var i = 0; i < node.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      var box = range.getBoundingClientRect();
      if (box.width === 0 || box.right <= cell.left) continue;
      if (box.left < last - 0.5) { order = false; break; }
      last = box.left;
    }
  }
  var mark = tr.querySelector('td.match mark');
  out.push({left: span.textContent, match: mark.textContent,
            right: tr.querySelector('td.right').textContent,
            order: order, one_line: mark.getClientRects().length === 1});
});
return out;
"""


# Elements that stand out of their column (the content, the facets, the header): each
# element's box against its column's, unless a scrolling or clipping box between them
# holds it; and the page itself wider than the screen.
OVERFLOWING = """
var bad = [];
document.querySelectorAll('body *').forEach(function (el) {
  var col = el.closest('.content, aside, header');
  if (!col || col === el) return;
  for (var a = el.parentElement; a && a !== col; a = a.parentElement) {
    var o = getComputedStyle(a).overflowX;
    if (o === 'auto' || o === 'hidden' || o === 'scroll') return;
  }
  var r = el.getBoundingClientRect(), c = col.getBoundingClientRect();
  if (r.width > 0 && (r.right > c.right + 1 || r.left < c.left - 1))
    bad.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right - c.right) + 'px: ' +
             (el.textContent || '').slice(0, 30));
});
if (document.documentElement.scrollWidth > window.innerWidth + 1)
  bad.push('the page is ' + document.documentElement.scrollWidth + 'px wide on ' + window.innerWidth);
return bad;
"""

# The words of the page in Latin letters, less those that are not the interface's: the
# corpus's own text (titles, passages, metadata values, facet values, table cells of
# counts and titles), file paths, query syntax (<code>), citations, the product's name,
# the other language's link. Labels, buttons, hints, headings, column heads and captions
# stay.
LATIN_WORDS = """
var clone = document.body.cloneNode(true);
clone.querySelectorAll('.path, code, textarea, a.lang, .brand, script, cite, .passage, .hit h2, ' +
  '.doc-text, .kwic, aside li, aside td, .meta, h1, blockquote, td, .chip, input')
  .forEach(function (e) { e.remove(); });
var walker = document.createTreeWalker(clone, NodeFilter.SHOW_TEXT), texts = [];
while (walker.nextNode()) texts.push(walker.currentNode.data);
var words = texts.join(' ').match(/[A-Za-z]{2,}/g) || [];
return words;
"""

# Interface words in Latin letters a Chinese page may show: formats, standards, the
# product's name, the names of statistics (the authors of each are in <cite>).
LATIN_ALLOWED = {"CSV", "JSON", "SVG", "GB", "OL", "EB", "gongwen", "BIC", "DIFF", "logDice",
                 "MI", "log", "DP"}


def check(condition, what):
    if not condition:
        raise AssertionError(what)
    print(f"  ok: {what}")


def main():
    binary = os.path.abspath(sys.argv[1])
    shots = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else os.path.join(REPO, "target", "browser-shots"))
    if not ensure_browser():
        print("browser test SKIPPED: chromium and chromedriver are not installed and could not be")
        return 0
    os.makedirs(shots, exist_ok=True)
    work = tempfile.mkdtemp(prefix="gongwen-browser-")
    shutil.copytree(os.path.join(REPO, "corpus"), os.path.join(work, "corpus"))
    downloads = os.path.join(work, "downloads")
    os.makedirs(downloads)
    server = subprocess.Popen([binary, "serve", "--addr", "127.0.0.1:0", "--quiet"], cwd=work,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    base = server.stdout.readline().strip().rstrip("/")
    profile = os.path.join(work, "profile")
    os.makedirs(profile)
    driver = Driver(downloads, profile)
    try:
        steps(driver, base, shots, downloads, binary, work)
    finally:
        driver.quit()
        server.terminate()
        server.wait()
    print(f"browser test passed; screenshots in {shots}")
    return 0


def steps(d, base, shots, downloads, binary, work):
    # 1. Type a query and search.
    d.go(base + "/")
    d.type("input[name=q]", "稳增长")
    d.click("form.query button")
    totals = d.js("return document.querySelector('.totals').textContent")
    check(totals.startswith("共 5 篇文档"), f"the query finds 5 documents ({totals})")
    check(d.js("return document.querySelectorAll('.hit mark').length") > 0, "hits are highlighted")
    d.shot(os.path.join(shots, "1-search.png"))
    # 2. Click a speaker facet: a chip, fewer documents.
    facet = d.js("var a = document.querySelector('aside ul a'); return [a.href, a.querySelector('.count').textContent]")
    d.click("aside ul a")
    narrowed = d.js("return document.querySelector('.totals').textContent")
    check(narrowed.startswith(f"共 {facet[1]} 篇文档"), f"the facet narrows to its count ({narrowed})")
    check(d.js("return document.querySelectorAll('.chip').length") == 1, "the filter shows as a chip")
    d.shot(os.path.join(shots, "2-facet.png"))
    # 3. Remove the chip, then click the tallest histogram bar: the date range is set.
    d.click(".chip a")
    check(d.js("return document.querySelectorAll('.chip').length") == 0, "the chip removes the filter")
    d.js("var bars = Array.from(document.querySelectorAll('.histogram a'));"
         "bars.sort(function (a, b) { return b.offsetHeight - a.offsetHeight; }); bars[0].id = 'tallest';")
    year = d.js("return document.getElementById('tallest').title.split(':')[0]")
    d.click("#tallest")
    query = urllib.parse.parse_qs(urllib.parse.urlparse(d.url()).query)
    check(query.get("from") == [year] and query.get("to") == [year], f"the bar sets the range to {year}")
    d.shot(os.path.join(shots, "3-year.png"))
    # 4. Open the first document, jump to the next hits.
    d.go(base + "/?q=" + urllib.parse.quote("稳增长"))
    d.click(".hit h2 a")
    check("/doc/" in d.url(), "the title opens the document")
    marks = d.js("return document.querySelectorAll('mark[id^=h]').length")
    check(marks > 1, f"every hit in the document is marked ({marks})")
    d.key("n")
    check(d.js("return location.hash") == "#h0", "n jumps to the first hit")
    d.click("mark#h0 + a.next")
    check(d.js("return location.hash") == "#h1", "› jumps to the next hit")
    d.shot(os.path.join(shots, "4-document.png"))
    # 4b. A quotation copied from the page is the passage's text: no ¶, ‹ or › in it.
    doc_id = d.url().split("/doc/")[1].split("?")[0]
    with urllib.request.urlopen(f"{base}/api/doc/{doc_id}?q=" + urllib.parse.quote("稳增长")) as r:
        stored = {("head" if p["passage"] is None else f"p{p['passage']}"): p["text"]
                  for p in json.loads(r.read())["passages"]}
    copied = d.js(COPY_PARAGRAPHS)
    wrong = [(pid, text, stored.get(pid)) for pid, text in copied if stored.get(pid) != text]
    check(len(copied) == len(stored) and not wrong,
          f"each of {len(copied)} paragraphs copies as its stored text, the header's lines too"
          f" (differ: {wrong[:1]})")
    # 5. Mentions: download the CSV; it is what `gongwen mentions --csv` prints.
    d.go(base + "/mentions?q=" + urllib.parse.quote("尧柏水泥"))
    check(d.js("return document.querySelectorAll('.kwic tr').length") == 2, "two concordance lines")
    d.shot(os.path.join(shots, "5-mentions.png"))
    d.js("Array.from(document.querySelectorAll('a')).filter(function (a) { return a.textContent === 'CSV'; })[0].id = 'csv';")
    d.click("#csv")
    for _ in range(100):
        files = [f for f in os.listdir(downloads) if f.endswith(".csv")]
        if files:
            break
        time.sleep(0.1)
    check(files == ["mentions-尧柏水泥.csv"], f"the CSV is downloaded, named after its query ({os.listdir(downloads)})")
    with open(os.path.join(downloads, files[0]), encoding="utf-8-sig") as f:
        got = list(csv.reader(f))
    cli = subprocess.run([binary, "mentions", "尧柏水泥", "--csv"], cwd=work, capture_output=True).stdout
    want = list(csv.reader(io.StringIO(cli.decode("utf-8-sig"))))
    check(got == want, "the download equals `gongwen mentions --csv`")
    # 6. Concordance rows read exactly as the passage: each character of the left context
    # drawn left of the next (no bidi reordering of （）——，), the keyword on one line.
    d.go(base + "/mentions?q=" + urllib.parse.quote("工业"))
    with urllib.request.urlopen(f"{base}/api/mentions?q=" + urllib.parse.quote("工业")) as r:
        rows = [json.loads(line) for line in r.read().decode().splitlines()]
    shown = d.js(READ_CONCORDANCE)
    check(len(shown) > 10, f"{len(shown)} concordance rows shown")
    check(all(row["order"] for row in shown), "every row's left context is drawn in text order")
    check(all(row["one_line"] for row in shown), "every keyword stands on one line")
    check([(r["left"], r["match"], r["right"]) for r in shown]
          == [(m["left"], m["match"], m["right"]) for m in rows[:len(shown)]],
          "each row's text is the passage's, as mentions --json gives it")
    d.shot(os.path.join(shots, "6-concordance.png"))
    # The check can fail: the layout before issue 22 (the cell set right-to-left) fails it.
    d.js("document.querySelectorAll('.kwic td.left > div').forEach(function (div) {"
         " div.style.display = 'block'; div.style.direction = 'rtl'; });")
    check(not all(row["order"] for row in d.js(READ_CONCORDANCE)),
          "a right-to-left cell (the old layout) is seen to reorder punctuation")
    languages_widths_and_citations(d, base, shots)


def languages_widths_and_citations(d, base, shots):
    """Chinese by default and English one click away; every page fits a phone and a
    desktop screen; a passage is cited; the trend starts near its first mention."""
    q = urllib.parse.quote("稳增长")
    d.go(f"{base}/?q={q}")
    d.click(".hit h2 a")
    doc = d.url().split("?")[0]
    d.click("a.pcite")
    check("/cite/" in d.url() and "p=" in d.url(), "a passage's 引用 opens its citation")
    gbt = d.js("return document.getElementById('gbt').value")
    plain = d.js("return document.getElementById('plain').value")
    passage = urllib.parse.parse_qs(urllib.parse.urlparse(d.url()).query)["p"][0]
    check("/OL]" in gbt and f"{doc}#p{passage}" in gbt and f"第{passage}段" in gbt,
          f"GB/T 7714 with the stable link to the passage ({gbt})")
    check(plain.startswith("“") and f"第{passage}段" in plain, f"plain text quotes the passage ({plain[:60]}…)")
    d.click("blockquote a")
    check(d.js("return location.hash") == f"#p{passage}", "the passage link opens the document at it")
    d.go(f"{base}/trend?q={q}")
    rows = d.js("return Array.from(document.querySelectorAll('table tr')).slice(1).map("
                "function (tr) { return [tr.cells[0].textContent, tr.cells[2].textContent]; })")
    first = next(i for i, (_, n) in enumerate(rows) if n != "0")
    check(first <= 2, f"the trend starts {first} periods before its first mention ({rows[0][0]})")
    check("检索条件：稳增长" in d.js("return document.querySelector('figcaption').textContent"),
          "the chart says the query it was made with")
    d.click("figcaption a")
    check("range=all" in d.url(), "one link shows the whole range")
    pages = [("search", f"/?q={q}"), ("document", doc.replace(base, "") + f"?q={q}"),
             ("cite", f"/cite/{doc.rsplit('/', 1)[1]}?p={passage}"), ("trend", f"/trend?q={q}"),
             ("mentions", "/mentions?q=" + urllib.parse.quote("尧柏水泥")), ("documents", "/docs"),
             ("keywords", "/keywords?q=" + urllib.parse.quote("speaker:寇全安")),
             ("collocates", "/collocates?q=" + urllib.parse.quote("稳增长")),
             ("spread", "/spread?by=province&q=" + urllib.parse.quote("高质量发展")),
             ("sorted concordance", "/mentions?sort=left&q=" + urllib.parse.quote("工业")),
             ("new formulations", "/new?q=" + urllib.parse.quote("year:2021")),
             ("reuse", "/reuse?q=" + urllib.parse.quote("year:2021") + "&vs=" + urllib.parse.quote("year:2020")),
             ("reuse pair", "/reuse/pair?a=1&b=2")]
    for lang in ("zh", "en"):
        for px in (1280, 375):
            d.width(px)
            for name, path in pages:
                url = base + path + ("" if lang == "zh" else ("&" if "?" in path else "?") + "lang=en")
                d.go(url)
                bad = d.js(OVERFLOWING)
                check(not bad, f"{lang} {name} at {px} px: nothing wider than its column {bad[:3]}")
                if lang == "zh":
                    latin = set(d.js(LATIN_WORDS)) - LATIN_ALLOWED
                    check(not latin, f"{name} at {px} px: no English on the Chinese page {sorted(latin)[:8]}")
                else:
                    check(d.js("return document.documentElement.lang") == "en", f"{name}: English asked, English given")
                d.shot(os.path.join(shots, f"7-{name}-{lang}-{px}.png"))
    # Both checks can fail: a block wider than a phone, an English label.
    d.go(f"{base}/?q={q}")
    d.js("var b = document.createElement('div'); b.style.width = '600px'; b.textContent = '宽';"
         "document.querySelector('.content').appendChild(b);"
         "var h = document.createElement('h3'); h.textContent = 'Speaker'; document.querySelector('aside').appendChild(h);")
    check(d.js(OVERFLOWING), "a block wider than the phone's column is seen")
    check("Speaker" in d.js(LATIN_WORDS), "an English label on the Chinese page is seen")
    d.width(None)
    # The language link: from the Chinese page to the English one and back, the query kept.
    d.go(f"{base}/?q={q}")
    d.click("a.lang")
    check(d.js("return document.querySelector('.totals').textContent").startswith("5 documents"),
          "English one click away, the query kept")
    d.click(".hit h2 a")
    check("lang=en" in d.url() and d.js("return document.documentElement.lang") == "en",
          "the choice is kept in the links")
    d.click("a.lang")
    check(d.js("return document.documentElement.lang") == "zh-CN", "and back to Chinese")


if __name__ == "__main__":
    try:
        sys.exit(main())
    except AssertionError as e:
        print(f"browser test FAILED: {e}")
        sys.exit(1)
