#!/usr/bin/env python3
"""Bit rot against an index: flips one bit in each file of a generation (at several
offsets per file), cuts each file in half and deletes each, then asks what a user
would see.

    python3 benches/bitrot.py BIN CORPUS [FLIPS_PER_FILE]

For each flip, on a fresh copy of a clean index:
  search   `search 稳 --json` and `mentions 稳 --by year`: the same answer as before the
           flip (harmless), a rebuild announced then the same answer (recovered), exit 2
           naming the damage (refused), or a different answer with exit 0 (WRONG);
  verify   `index --verify`: exit 2 (detected) or 0 (missed; harmless flips are missed
           too, e.g. in padding);
  index    `index` then the search again: the same answer as a clean index (repaired).
Prints one row per file kind and the totals.
"""
import collections
import os
import random
import shutil
import subprocess
import sys
import tempfile

QUERIES = [["search", "稳", "--json"], ["mentions", "稳", "--by", "year"]]


def run(bin_, cwd, args):
    p = subprocess.run([bin_, *args], cwd=cwd, capture_output=True, timeout=300)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def answers(bin_, cwd):
    return [run(bin_, cwd, q) for q in QUERIES]


def kind(name):
    if name.endswith(".json") or name in ("CURRENT",):
        return name
    return name.rsplit(".", 1)[-1] if "." in name else name


def main():
    bin_, corpus = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    flips = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    rng = random.Random(13)
    work = tempfile.mkdtemp(prefix="bitrot-")
    clean = os.path.join(work, "clean")
    os.makedirs(clean)
    shutil.copytree(corpus, os.path.join(clean, "corpus"))
    code, _, err = run(bin_, clean, ["index"])
    assert code == 0, err
    expected = [(c, o) for c, o, _ in answers(bin_, clean)]
    gen = open(os.path.join(clean, "index", "CURRENT")).read().strip()
    files = sorted(
        f
        for f in os.listdir(os.path.join(clean, "index", gen))
        if os.path.getsize(os.path.join(clean, "index", gen, f)) > 0
    )
    table = collections.defaultdict(collections.Counter)
    for name in files:
        for damage in ["flip"] * flips + ["truncate", "delete"]:
            trial = os.path.join(work, "trial")
            shutil.rmtree(trial, ignore_errors=True)
            shutil.copytree(clean, trial, symlinks=True)
            # The copy's catalog still names the clean corpus path: point the copy at
            # its own corpus by keeping the same absolute path (copy back afterwards).
            path = os.path.join(trial, "index", gen, name)
            data = bytearray(open(path, "rb").read())
            if damage == "flip":
                at = rng.randrange(len(data))
                data[at] ^= 1 << rng.randrange(8)
                open(path, "wb").write(bytes(data))
            elif damage == "truncate":
                open(path, "wb").write(bytes(data[: len(data) // 2]))
            else:
                os.remove(path)
            row = table[kind(name)]
            row["cases"] += 1
            # Swap the damaged index into the clean folder's place for the run.
            live = os.path.join(clean, "index")
            backup = os.path.join(work, "backup")
            shutil.move(live, backup)
            shutil.copytree(os.path.join(trial, "index"), live, symlinks=True)
            got = answers(bin_, clean)
            outcome = "harmless"
            for (c, o, e), (ec, eo) in zip(got, expected):
                if c == 2:
                    outcome = "refused" if outcome == "harmless" else outcome
                elif (c, o) != (ec, eo):
                    outcome = "WRONG"
                elif "damaged" in e or "building it again" in e:
                    outcome = "recovered" if outcome == "harmless" else outcome
            row[outcome] += 1
            shutil.rmtree(live)
            shutil.copytree(os.path.join(trial, "index"), live, symlinks=True)
            c, _, _ = run(bin_, clean, ["index", "--verify"])
            row["verify detected" if c == 2 else "verify passed"] += 1
            c, _, e = run(bin_, clean, ["index"])
            again = [(c2, o2) for c2, o2, _ in answers(bin_, clean)]
            row["index repaired" if c == 0 and again == expected else "index NOT repaired"] += 1
            shutil.rmtree(live)
            shutil.move(backup, live)
    columns = ["cases", "harmless", "recovered", "refused", "WRONG", "verify detected",
               "verify passed", "index repaired", "index NOT repaired"]
    print("file\t" + "\t".join(columns))
    total = collections.Counter()
    for k in sorted(table):
        total.update(table[k])
        print(k + "\t" + "\t".join(str(table[k][c]) for c in columns))
    print("total\t" + "\t".join(str(total[c]) for c in columns))
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
