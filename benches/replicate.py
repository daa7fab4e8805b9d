"""Builds an N-times corpus from one: N replicas of every document, each replica with
its own metadata, so that an index cannot collapse them.

    python3 benches/replicate.py SOURCE DEST N [--vary]

Replica 0 is the source as it is. Replica k (k >= 1) hard-links the source's text files
(no extra disk) and rewrites its manifests: every title gets "（副本k）", every date
moves k years back, every speaker gets a suffix. Files without a manifest record keep
the metadata of their header, as a user's duplicates would.

With --vary (the 100x corpus), replica k's texts are rewritten, not linked: 20 pairs of
common characters, drawn for k (a seeded choice among 300 frequent ones), are swapped
throughout, so each replica has its own words, bigrams and postings (an index of 100
identical copies would be 100 copies of one posting list) while its text keeps the
length, script and character frequencies of real documents. The characters of the
benchmark's queries are never swapped, so each replica holds them as often as the source.
"""
import random
import json
import os
import shutil
import sys

SRC, DEST, N = sys.argv[1], sys.argv[2], int(sys.argv[3])
VARY = "--vary" in sys.argv[4:]
COMMON = ("一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主年动同工也能下过子"
          "说产种面而方后多定行学法所民得十三之进着等部度家电力里如水化自二理起小物现实加量都两体制机当"
          "使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各新线内数正心反"
          "你明看原又么利比或但气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展"
          "五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期"
          "根论运农指几九区强放决西被干做必战先回则任取据处府研越织装影验热争六收选条百场安治保护环境")
KEEP = set("尧柏水泥高质量发展稳增长就业投资经济改革的国年人民政府供给侧结构性惠企纾困新质生产力营商安康集团")


def swaps(k):
    """The character swaps of replica k: 20 pairs, the same for every file of it."""
    chars = [c for c in dict.fromkeys(COMMON) if c not in KEEP]
    drawn = random.Random(k).sample(chars, 40)
    table = {}
    for a, b in zip(drawn[::2], drawn[1::2]):
        table[ord(a)], table[ord(b)] = b, a
    return table
MANIFEST = "manifest.jsonl"


def shift_date(value, years):
    if not isinstance(value, str) or len(value) < 4 or not value[:4].isdigit():
        return value
    return f"{int(value[:4]) - years:04d}{value[4:]}"


def vary(record, k):
    if record.get("title"):
        record["title"] = f"{record['title']}（副本{k}）"
    for key in ("date", "year"):
        if record.get(key):
            record[key] = shift_date(str(record[key]), k)
    if record.get("speaker"):
        record["speaker"] = f"{record['speaker']}{k}"
    record["replica"] = str(k)
    return record


def replicate(k):
    target = os.path.join(DEST, f"rep{k:02d}")
    for root, _, files in os.walk(SRC):
        rel = os.path.relpath(root, SRC)
        out = os.path.normpath(os.path.join(target, rel))
        os.makedirs(out, exist_ok=True)
        for name in files:
            src, dst = os.path.join(root, name), os.path.join(out, name)
            if name == MANIFEST and k > 0:
                with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as g:
                    for line in f:
                        if line.strip():
                            g.write(json.dumps(vary(json.loads(line), k), ensure_ascii=False) + "\n")
                continue
            if VARY and k > 0 and name.endswith(".txt"):
                with open(src, encoding="utf-8", errors="surrogateescape") as f:
                    text = f.read()
                with open(dst, "w", encoding="utf-8", errors="surrogateescape") as g:
                    g.write(text.translate(TABLES[k]))
                continue
            try:
                os.link(src, dst)
            except OSError:
                shutil.copyfile(src, dst)


if os.path.exists(DEST):
    shutil.rmtree(DEST)
TABLES = {k: swaps(k) for k in range(1, N)} if VARY else {}
for k in range(N):
    replicate(k)
print(f"{DEST}: {N} replicas of {SRC}")
