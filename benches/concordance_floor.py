"""What a concordance from a compressed text store cannot go below, against rg -n.

    python3 benches/concordance_floor.py CORPUS [TERM…]

rg reads the corpus files as they are; gongwen reads its stored text, compressed with zstd
(level 9, 64 KB blocks) so that the index stays about 1.2x the text. Whatever else it
does, a concordance of a term must decompress every block holding the term. This script
measures, in one run:

- the corpus's text files concatenated (the stored text is these characters);
- zstd's own decompression speed of that text in 64 KB level-9 blocks (`zstd -b9 -B64K`:
  one reused context, no allocation — faster than any store can do it);
- for each term, the share of 64 KB blocks holding it, and `rg -F -n` over the corpus
  (median of ROUNDS, output read through a pipe);
- the decompression floor: the bytes of those blocks at zstd's speed, split over every
  core, as a share of rg's whole time.

Needs `rg` and `zstd`. Prints a table; exits 0.
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

CORPUS = sys.argv[1]
TERMS = sys.argv[2:] or ["发展", "稳", "的"]
ROUNDS = int(os.environ.get("ROUNDS", "7"))
BLOCK = 64 * 1024


def text_of(corpus):
    parts = []
    for root, _, files in sorted(os.walk(corpus)):
        for name in sorted(files):
            if name.endswith(".txt"):
                with open(os.path.join(root, name), "rb") as f:
                    parts.append(f.read())
    return b"".join(parts)


def decompression_speed(text):
    """zstd's decompression speed (MB/s) of `text` in 64 KB level-9 blocks."""
    with tempfile.NamedTemporaryFile(suffix=".txt") as f:
        f.write(text)
        f.flush()
        out = subprocess.run(["zstd", "-b9", f"-B{BLOCK}", f.name],
                             capture_output=True, text=True)
    speeds = re.findall(r"([\d.]+) MB/s", (out.stdout + out.stderr).replace("\r", "\n"))
    return float(speeds[-1])


def rg_ms(term):
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        subprocess.run(["rg", "-F", "-n", "--no-heading", "--no-messages", term, CORPUS],
                       stdout=subprocess.PIPE)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main():
    text = text_of(CORPUS)
    speed = decompression_speed(text)
    cores = os.cpu_count() or 1
    blocks = (len(text) + BLOCK - 1) // BLOCK
    print(f"text {len(text) / 1e6:.1f} MB in {blocks} blocks of 64 KB; zstd -9 decompresses "
          f"{speed:.0f} MB/s on one core (reused context); {cores} cores")
    print(f"{'term':<6} {'blocks':>7} {'floor':>8} {'rg -n':>8} {'floor / rg':>10}")
    for term in TERMS:
        needle = term.encode()
        held = sum(1 for i in range(blocks)
                   if needle in text[i * BLOCK:(i + 1) * BLOCK + len(needle) - 1])
        floor = held * BLOCK / 1e6 / speed * 1000 / cores
        rg = rg_ms(term)
        print(f"{term:<6} {held / blocks:>6.0%} {floor:>6.0f} ms {rg:>5.0f} ms {floor / rg:>10.2f}")


if __name__ == "__main__":
    main()
