#!/usr/bin/env python3
"""Load on `gongwen serve`: 32 clients at once for 30 s over an index, each asking in turn
a rare-term search, a common-term search, a one-character search, a rare-term mentions
count and a search page; per kind: requests, errors, p50 and p99 latency; throughput; the
server's peak RSS (VmHWM); the first 3 s warm the caches and are not counted. Target (2-core machine): rare-term searches p99 ≤ 100 ms under
this load, no errors, RSS ≤ 300 MB.

    python3 benches/serve_load.py BIN INDEX [SECONDS] [CLIENTS]
"""
import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

RARE = ["尧柏水泥", "供给侧结构性改革", "惠企纾困", "新质生产力", "营商环境", "安康高新集团"]
COMMON = ["发展", "经济 改革", "人民 政府"]
ONE = ["的", "国", "年"]
WARM_UP = 3.0


def q(text):
    return urllib.parse.quote(text)


def requests_for(i):
    rare, common, one = RARE[i % len(RARE)], COMMON[i % len(COMMON)], ONE[i % len(ONE)]
    return [
        ("rare search", f"/api/search?q={q(rare)}"),
        ("common search", f"/api/search?q={q(common)}"),
        ("one-character search", f"/api/search?q={q(one)}"),
        ("rare mentions by year", f"/api/mentions?q={q(rare)}&by=year"),
        ("search page", f"/?q={q(rare)}"),
    ]


def client(port, stop, n, results, lock, measure_from):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    i = n
    while not stop.is_set():
        for kind, path in requests_for(i):
            t = time.perf_counter()
            try:
                conn.request("GET", path)
                r = conn.getresponse()
                r.read()
                ok = r.status == 200
            except Exception:
                ok = False
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            ms = (time.perf_counter() - t) * 1000
            if t >= measure_from:
                with lock:
                    results.setdefault(kind, []).append((ms, ok))
        i += 1


def main():
    bin_, index = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 30
    clients = int(sys.argv[4]) if len(sys.argv) > 4 else 32
    server = subprocess.Popen([bin_, "serve", "--index", index, "--corpus", "/nonexistent",
                               "--addr", "127.0.0.1:0", "--quiet"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    port = int(server.stdout.readline().strip().rstrip("/").rsplit(":", 1)[1])
    results, lock, stop = {}, threading.Lock(), threading.Event()
    # The first seconds warm the page cache and are not measured.
    measure_from = time.perf_counter() + WARM_UP
    threads = [threading.Thread(target=client, args=(port, stop, n, results, lock, measure_from))
               for n in range(clients)]
    for t in threads:
        t.start()
    time.sleep(WARM_UP)
    started = time.perf_counter()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    with open(f"/proc/{server.pid}/status") as f:
        status = {l.split(":")[0]: l.split()[1] for l in f if l.startswith(("VmHWM", "RssAnon", "RssFile"))}
    hwm = status["VmHWM"]
    server.terminate()
    server.wait()
    total = sum(len(v) for v in results.values())
    print(f"{clients} clients, {elapsed:.0f} s: {total} requests, {total / elapsed:.0f}/s, "
          f"server peak RSS {int(hwm) // 1024} MB (at the end: {int(status['RssAnon']) // 1024} MB "
          f"heap, {int(status['RssFile']) // 1024} MB mapped index files)")
    for kind, rows in results.items():
        ms = sorted(m for m, _ in rows)
        errors = sum(1 for _, ok in rows if not ok)
        p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
        print(f"  {kind:24} {len(rows):6} requests, {errors} errors, "
              f"p50 {statistics.median(ms):7.1f} ms, p99 {p99:7.1f} ms")


if __name__ == "__main__":
    main()
