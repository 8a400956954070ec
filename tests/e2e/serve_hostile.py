#!/usr/bin/python3
"""Hostile clients against `newssearch serve`, over raw sockets (Python's standard library
only), as test_serve_hostile.sh runs them:

    serve_hostile.py CHECK URL [ARGS...]

CHECK is one of:
  slowloris URL        8 clients trickle a header line every 0.5 s: /healthz still answers
                       at once, and each trickler is cut off (408) within the 5 s a request has
  idle URL             160 silent connections: a real request still answers at once
  bound URL LIMIT      2*LIMIT silent connections on a server that may hold about LIMIT: the
                       oldest are closed, a real request answers, the newest stay open
  range URL            multi-range and single-range requests get the whole body, never 206
  headers URL          too many or too large header fields: 431; a body over 8 KB: 413 before
                       it is sent; a chunked body: 411; a small GET body: answered
  host URL INDEX [NAME]  Host names the server does not own: 421 (the body does not name INDEX);
                       localhost, the address and NAME (an --allow-host name): 200
  drain URL PID        12 requests queued on one worker and one half sent, then SIGTERM to PID:
                       every one is answered whole
  drain-load URL PID   8 clients (2 on kept-alive connections) send requests in a loop; after
                       1 s, SIGTERM to PID: every request sent is answered whole
Exits 0 when all passed, 1 when a check failed.
"""
import os
import signal
import socket
import sys
import threading
import time
import urllib.parse

from checks import check, failures  # noqa: E402 (beside this script)


def address(url):
    parts = urllib.parse.urlsplit(url)
    return parts.hostname, parts.port


def connect(url, timeout=10):
    sock = socket.create_connection(address(url), timeout=timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def host_field(url):
    host, port = address(url)
    return f"{host}:{port}"


def read_response(sock):
    """(status, headers as a lower-case dict, body) of one answer; status 0 on EOF or reset
    before a whole head; the body as far as it came."""
    data = b""
    try:
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                return 0, {}, data
            data += chunk
    except (ConnectionResetError, socket.timeout, TimeoutError):
        return 0, {}, data
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    try:
        while len(body) < length:
            chunk = sock.recv(65536)
            if not chunk:
                break
            body += chunk
    except (ConnectionResetError, socket.timeout, TimeoutError):
        pass
    return status, headers, body


def get(url, path, extra="", host=None, timeout=10):
    """One GET on a new connection: (status, headers, body, seconds)."""
    start = time.monotonic()
    with connect(url, timeout) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host_field(url) if host is None else host}\r\n{extra}"
                     "Connection: close\r\n\r\n".encode())
        status, headers, body = read_response(sock)
    return status, headers, body, time.monotonic() - start


def closed_by_server(sock, within):
    """Whether the server ends the connection (an answer then EOF, or a reset) within
    `within` seconds; the answer's status, if any."""
    sock.settimeout(within)
    data = b""
    try:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    except (ConnectionResetError, BrokenPipeError):
        pass
    except (socket.timeout, TimeoutError):
        return False, data
    return True, data


def slowloris(url):
    start = time.monotonic()
    outcome = {}

    def trickle(i):
        sock = connect(url)
        sock.sendall(f"GET /healthz HTTP/1.1\r\nHost: {host_field(url)}\r\n".encode())
        cut = False
        # A header line every 0.5 s, for up to 9 s: each receive is short, the request never
        # ends, so only a limit on the whole request cuts it off.
        for n in range(18):
            time.sleep(0.5)
            try:
                sock.sendall(f"X-Slow-{n}: {n}\r\n".encode())
            except (BrokenPipeError, ConnectionResetError):
                cut = True
                break
            sock.settimeout(0.01)
            try:
                if sock.recv(65536, socket.MSG_PEEK) is not None:
                    cut = True
                    break
            except (socket.timeout, TimeoutError, BlockingIOError):
                pass
            except ConnectionResetError:
                cut = True
                break
        outcome[i] = (cut, time.monotonic() - start)
        sock.close()

    threads = [threading.Thread(target=trickle, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(1.5)  # every trickler is connected and sending
    status, _, _, seconds = get(url, "/healthz", timeout=4)
    check(status == 200 and seconds < 1.0,
          f"/healthz answers while 8 clients trickle headers (HTTP {status} in {seconds:.2f} s)")
    for thread in threads:
        thread.join()
    cut = [t for c, t in outcome.values() if c]
    check(len(cut) == 8 and max(cut) < 7.0,
          f"every trickling client is cut off within the request's 5 s ({len(cut)} of 8, "
          f"after {max(cut, default=0):.1f} s at most)")


def idle(url):
    silent = [connect(url) for _ in range(160)]
    time.sleep(0.3)
    status, _, _, seconds = get(url, "/api/search?q=oil&facets=none", timeout=5)
    check(status == 200 and seconds < 1.0,
          f"a search answers beside 160 silent connections (HTTP {status} in {seconds:.2f} s)")
    for sock in silent:
        sock.close()


def bound(url, limit):
    silent = []
    for _ in range(2 * limit):
        silent.append(connect(url))
        time.sleep(0.002)  # in order, so that "oldest" is well defined
    time.sleep(0.3)
    status, _, _, seconds = get(url, "/healthz", timeout=5)
    check(status == 200 and seconds < 1.0,
          f"/healthz answers beside {2 * limit} silent connections (HTTP {status} in "
          f"{seconds:.2f} s)")
    # The newest first, well within the 2 s a silent connection may wait.
    newest = silent[-(limit // 8):]
    newest_closed = sum(closed_by_server(sock, 0.02)[0] for sock in newest)
    oldest_closed = sum(closed_by_server(sock, 0.05)[0] for sock in silent[: limit // 2])
    check(oldest_closed == limit // 2,
          f"the oldest silent connections were closed ({oldest_closed} of {limit // 2})")
    check(newest_closed == 0, f"the newest stay open ({newest_closed} of {len(newest)} closed)")
    for sock in silent:
        sock.close()


def range_requests(url):
    path = "/api/search?q=oil&limit=100"
    _, _, whole, _ = get(url, path)
    ranges = ",".join(["0-"] * 1500)
    status, headers, body, _ = get(url, path, f"Range: bytes={ranges}\r\n")
    check(status in (200, 416), f"1500 ranges on /api/search: HTTP {status}, not 206")
    check(len(body) <= len(whole),
          f"1500 ranges: {len(body)} bytes, at most the whole answer's {len(whole)}")
    status, headers, body, _ = get(url, "/app.js", "Range: bytes=0-9,20-29\r\n")
    check(status in (200, 416) and "multipart" not in headers.get("content-type", ""),
          f"two ranges on /app.js: HTTP {status}, {headers.get('content-type')}")
    _, _, script, _ = get(url, "/app.js")
    status, headers, body, _ = get(url, "/app.js", "Range: bytes=0-9\r\n")
    check(status == 200 and body == script, f"one range on /app.js: HTTP {status}, the whole file")


def headers_checks(url):
    many = "".join(f"X-Field-{i}: {i}\r\n" for i in range(200))
    status, _, body, _ = get(url, "/healthz", many)
    check(status == 431 and b'"error"' in body, f"200 header fields: HTTP {status}")
    status, _, _, _ = get(url, "/healthz", "X-Big: " + "x" * 20000 + "\r\n")
    check(status == 431, f"a 20 KB header field: HTTP {status}")
    # Endless header fields: refused, and the server stops reading long before 100 MB.
    with connect(url) as sock:
        sock.sendall(f"GET /healthz HTTP/1.1\r\nHost: {host_field(url)}\r\n".encode())
        sent = 0
        try:
            while sent < 100_000_000:
                sock.sendall(b"X-A: b\r\n" * 4096)
                sent += 8 * 4096
        except (BrokenPipeError, ConnectionResetError):
            pass
        check(sent < 10_000_000, f"endless header fields: cut off after {sent} bytes")
    # A 200 MB GET body: 413 before any of it is sent.
    start = time.monotonic()
    with connect(url) as sock:
        sock.sendall(f"GET /healthz HTTP/1.1\r\nHost: {host_field(url)}\r\n"
                     "Content-Length: 209715200\r\n\r\n".encode())
        status, _, body, = read_response(sock)
    check(status == 413 and b'"error"' in body and time.monotonic() - start < 1.0,
          f"a GET announcing a 200 MB body: HTTP {status}")
    status, _, _, _ = get(url, "/healthz", "Content-Length: 9000\r\n")
    check(status == 413, f"a 9000-byte body: HTTP {status}")
    with connect(url) as sock:
        sock.sendall(f"GET /healthz HTTP/1.1\r\nHost: {host_field(url)}\r\n"
                     "Transfer-Encoding: chunked\r\n\r\n".encode())
        status, _, _ = read_response(sock)
    check(status == 411, f"a chunked body: HTTP {status}")
    with connect(url) as sock:
        sock.sendall(f"GET /healthz HTTP/1.1\r\nHost: {host_field(url)}\r\n"
                     "Content-Length: 5000\r\n\r\n".encode() + b"y" * 5000)
        status, _, _ = read_response(sock)
    check(status == 200, f"a GET with a 5000-byte body: HTTP {status} (the body is dropped)")


def host_checks(url, index, allowed):
    _, port = address(url)
    for host in ("evil.example.com", f"evil.example.com:{port}", "localhost.evil.test",
                 "127.0.0.1.nip.io", "", "a b"):
        status, headers, body, _ = get(url, "/api/search?q=oil", host=host)
        check(status in (421, 403, 400), f"Host '{host}': HTTP {status}")
        check(index.encode() not in body, f"Host '{host}': the body does not name the index")
    for path in ("/", "/healthz", "/app.js"):
        status, _, _, _ = get(url, path, host="rebound.example")
        check(status in (421, 403), f"Host rebound.example on {path}: HTTP {status}")
    for host in (host_field(url), "localhost", f"localhost:{port}", "LOCALHOST:1", "127.0.0.1",
                 f"[::1]:{port}"):
        status, _, _, _ = get(url, "/api/search?q=oil", host=host)
        check(status == 200, f"Host '{host}': HTTP {status}")
    if allowed:
        for host in (allowed, f"{allowed}:443", allowed.upper()):
            status, _, _, _ = get(url, "/api/search?q=oil", host=host)
            check(status == 200, f"Host '{host}' (--allow-host): HTTP {status}")


def drain(url, pid):
    path = "/api/search?q=oil+OR+said+OR+the&limit=100"
    socks = []
    for _ in range(12):
        sock = connect(url)
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host_field(url)}\r\n\r\n".encode())
        socks.append(sock)
    half = connect(url)
    half.sendall(f"GET {path} HTTP/1.1\r\nHost: {host_field(url)}\r\n".encode())
    time.sleep(0.05)
    os.kill(pid, signal.SIGTERM)
    time.sleep(0.2)
    try:
        half.sendall(b"Accept: */*\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass
    answered = 0
    for sock in socks + [half]:
        status, headers, body = read_response(sock)
        if status == 200 and len(body) == int(headers.get("content-length", "-1")):
            answered += 1
        sock.close()
    check(answered == 13, f"requests under way at SIGTERM answered whole: {answered} of 13")


def drain_load(url, pid):
    path = "/api/search?q=oil+OR+said&limit=20"
    request = f"GET {path} HTTP/1.1\r\nHost: {host_field(url)}\r\n\r\n".encode()
    lock = threading.Lock()
    counts = {"answered": 0, "lost": 0}

    def client(keep_alive):
        sock = None
        while True:
            try:
                if sock is None:
                    sock = connect(url, timeout=10)
                sock.sendall(request)
            except OSError:
                return  # refused, or closed before the request went: nothing was under way
            status, headers, body = read_response(sock)
            whole = status == 200 and len(body) == int(headers.get("content-length", "-1"))
            with lock:
                counts["answered" if whole else "lost"] += 1
            if not whole:
                return
            if not keep_alive or headers.get("connection") == "close":
                sock.close()
                sock = None

    threads = [threading.Thread(target=client, args=(i % 4 == 0,)) for i in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)
    os.kill(pid, signal.SIGTERM)
    for thread in threads:
        thread.join()
    check(counts["lost"] == 0 and counts["answered"] > 8,
          f"8 clients in a loop through SIGTERM: {counts['answered']} answered whole, "
          f"{counts['lost']} cut off")


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    name, url, args = sys.argv[1], sys.argv[2].rstrip("/"), sys.argv[3:]
    if name == "slowloris":
        slowloris(url)
    elif name == "idle":
        idle(url)
    elif name == "bound":
        bound(url, int(args[0]))
    elif name == "range":
        range_requests(url)
    elif name == "headers":
        headers_checks(url)
    elif name == "host":
        host_checks(url, args[0], args[1] if len(args) > 1 else "")
    elif name == "drain":
        drain(url, int(args[0]))
    elif name == "drain-load":
        drain_load(url, int(args[0]))
    else:
        print(f"unknown check {name}")
        return 2
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
