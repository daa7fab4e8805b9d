"""Builds an N-times corpus from one: N replicas of every document, each replica with
its own metadata, so that an index cannot collapse them.

    python3 benches/replicate.py SOURCE DEST N

Replica 0 is the source as it is. Replica k (k >= 1) hard-links the source's text files
(no extra disk) and rewrites its manifests: every title gets "（副本k）", every date
moves k years back, every speaker gets a suffix. Files without a manifest record keep
the metadata of their header, as a user's duplicates would.
"""
import json
import os
import shutil
import sys

SRC, DEST, N = sys.argv[1], sys.argv[2], int(sys.argv[3])
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
            try:
                os.link(src, dst)
            except OSError:
                shutil.copyfile(src, dst)


if os.path.exists(DEST):
    shutil.rmtree(DEST)
for k in range(N):
    replicate(k)
print(f"{DEST}: {N} replicas of {SRC}")
