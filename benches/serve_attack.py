#!/usr/bin/env python3
"""A mixed attack on `gongwen serve` (issue 23), loopback only, bounded in count and time:
at once, for SECONDS (20 by default),

- 64 slow or idle clients: 32 connect and send nothing, 32 send a request header one byte
  a second (each reconnects when the server closes it);
- 8 downloads that are never read: every occurrence of twelve common characters as CSV
  (hundreds of megabytes if it were held), the client's receive buffer kept small;
- 16 clients sending expensive requests in a loop: a rare name among common characters,
  twelve common characters, a count of 的 by year;
- 2 clients sending rare searches (尧柏水泥, 惠企纾困 …), whose latency is measured.

Then SIGTERM while the attackers are still connected. Prints the rare searches' p50 and
p99, the server's RSS (peak, sampled every 100 ms, and VmHWM) and how long it took to stop,
each beside its target: rare p99 ≤ 100 ms, RSS ≤ 500 MB, stop ≤ 5 s. Exit 1 if one is missed.

    python3 benches/serve_attack.py BIN INDEX [SECONDS]
"""
import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

RARE = ["尧柏水泥", "惠企纾困", "安康高新集团", "供给侧结构性改革", "新质生产力"]
COMMON12 = "的 一 是 在 不 了 有 和 人 这 中 大"
EXPENSIVE = [
    "/api/search?q=" + urllib.parse.quote("尧柏水泥 的 一 是 在 不 了 有"),
    "/api/search?q=" + urllib.parse.quote(COMMON12),
    "/api/mentions?by=year&q=" + urllib.parse.quote("的"),
]
DOWNLOAD = "/api/mentions?format=csv&q=" + urllib.parse.quote(COMMON12)


def connect(port, rcvbuf=None):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.settimeout(30)
    s.connect(("127.0.0.1", port))
    return s


def idle(port, stop, held):
    while not stop.is_set():
        try:
            s = connect(port)
            held.append(s)
            s.recv(1)  # returns when the server closes the connection (or times out)
        except OSError:
            time.sleep(0.1)


def trickle(port, stop, held):
    request = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 200 + b"\r\n\r\n"
    while not stop.is_set():
        try:
            s = connect(port)
            held.append(s)
            for byte in request:
                if stop.is_set():
                    return
                s.send(bytes([byte]))
                time.sleep(1)
        except OSError:
            time.sleep(0.1)


def unread_download(port, stop, held):
    request = f"GET {DOWNLOAD} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()
    try:
        s = connect(port, rcvbuf=4096)
        held.append(s)
        s.sendall(request)
    except OSError:
        pass
    stop.wait()


def expensive(port, stop, n):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    i = n
    while not stop.is_set():
        try:
            conn.request("GET", EXPENSIVE[i % len(EXPENSIVE)])
            conn.getresponse().read()
        except Exception:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        i += 1


def rare(port, stop, n, latencies, errors, lock):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    i = n
    while not stop.is_set():
        path = "/api/search?q=" + urllib.parse.quote(RARE[i % len(RARE)])
        t = time.perf_counter()
        try:
            conn.request("GET", path)
            r = conn.getresponse()
            r.read()
            ok = r.status == 200
        except Exception:
            ok = False
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        with lock:
            latencies.append((time.perf_counter() - t) * 1000)
            errors[0] += 0 if ok else 1
        i += 1


def rss_mb(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) // 1024
    return 0


def main():
    bin_, index = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 20
    server = subprocess.Popen([bin_, "serve", "--index", index, "--corpus", "/nonexistent",
                               "--addr", "127.0.0.1:0", "--quiet"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    port = int(server.stdout.readline().strip().rstrip("/").rsplit(":", 1)[1])
    stop, lock, held = threading.Event(), threading.Lock(), []
    latencies, errors = [], [0]
    threads = ([threading.Thread(target=idle, args=(port, stop, held)) for _ in range(32)]
               + [threading.Thread(target=trickle, args=(port, stop, held)) for _ in range(32)]
               + [threading.Thread(target=unread_download, args=(port, stop, held)) for _ in range(8)]
               + [threading.Thread(target=expensive, args=(port, stop, n)) for n in range(16)]
               + [threading.Thread(target=rare, args=(port, stop, n, latencies, errors, lock))
                  for n in range(2)])
    for t in threads:
        t.daemon = True
        t.start()
    peak, until = 0, time.time() + seconds
    while time.time() < until:
        peak = max(peak, rss_mb(server.pid))
        time.sleep(0.1)
    hwm = rss_mb(server.pid, "VmHWM")
    with lock:
        ms = sorted(latencies)
        failed = errors[0]
    # Stop while the attackers are still connected: the downloads unread, the slow
    # headers unfinished, the expensive requests running.
    asked = time.perf_counter()
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
        stopped = time.perf_counter() - asked
    except subprocess.TimeoutExpired:
        server.kill()
        stopped = float("inf")
    stop.set()
    for s in held:
        try:
            s.close()
        except OSError:
            pass
    p50 = statistics.median(ms) if ms else float("inf")
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))] if ms else float("inf")
    rows = [
        ("rare search p99", f"{p99:.1f} ms (p50 {p50:.1f} ms, {len(ms)} requests, "
                            f"{failed} errors)", p99 <= 100 and failed == 0, "≤ 100 ms"),
        ("server RSS", f"{max(peak, hwm)} MB (sampled peak {peak} MB, VmHWM {hwm} MB)",
         max(peak, hwm) <= 500, "≤ 500 MB"),
        ("stop after SIGTERM", f"{stopped:.2f} s", stopped <= 5, "≤ 5 s"),
    ]
    print(f"mixed attack for {seconds:.0f} s: 32 idle + 32 one-byte-a-second clients, "
          f"8 unread downloads, 16 expensive, 2 rare")
    for name, value, ok, target in rows:
        print(f"  {name:20} {value}  target {target}: {'met' if ok else 'MISSED'}")
    sys.exit(0 if all(ok for _, _, ok, _ in rows) else 1)


if __name__ == "__main__":
    main()
