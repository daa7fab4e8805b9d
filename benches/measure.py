"""What the comparison scripts share: timing a command the way a user runs it, sizes."""
import os
import subprocess
import tempfile
import time

GONGWEN = os.path.abspath("target/release/gongwen")


def timed(cmd):
    """Runs cmd; returns (wall seconds, peak RSS MB, stdout). Wall time by the clock here
    (GNU time rounds to 10 ms), from start to the last byte read; peak RSS from GNU time.
    The output is read as bytes and decoded after the clock stops: decoding 70 MB in
    Python costs more than rg takes to print them, and would blur the ratios."""
    with tempfile.NamedTemporaryFile("r") as t:
        start = time.perf_counter()
        out = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", t.name] + cmd,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        rss = t.read().split()[-1]
    return wall, int(rss) / 1024, out.stdout.decode("utf-8", "replace")


def du(path):
    """Bytes of all files below path."""
    return sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(path) for f in fs)


def text_bytes(path):
    """Bytes of the text files below path."""
    return sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(path)
               for f in fs if f.endswith((".txt", ".md")))


def generation(index):
    """The folder of the index generation in use."""
    with open(os.path.join(index, "CURRENT")) as current:
        return os.path.join(index, current.read().strip())
