"""The team server under load: tmkit serve on PostgreSQL and on SQLite, beside pg_trgm.

Run: pip install '.[test]' && python bench/serve.py [--units 1000000] [--clients 20]
     [--seconds 20] [--postgres postgresql://…]

One generated memory (bench/tm_lookup.py's sentences: a Zipf vocabulary, as in real text) is
imported into a SQLite file and a PostgreSQL database (without --postgres, a throw-away
server from .ci/postgres). For each store, `tmkit serve` runs as a real process and
--clients client processes (each one translator's tool: one keep-alive connection, a request
at a time) ask amaGama look-ups (`/tmserver/en/fr/unit/…`, min 75, best one) over HTTP on
127.0.0.1 for --seconds: p50, p95 and throughput are whole requests as a client sees them,
from the request's first byte sent to the answer's last byte read. The clients write
requests and read answers on plain sockets, as a compiled load generator (wrk) does, so the
2-core machine's time goes to the server rather than to http.client parsing headers in the
same CPUs.
Beside them, the Weblate/Tolgee approach over the same units in the same PostgreSQL:
pg_trgm's `%` with a GIN trigram index, as SQL from the same number of threads (a kernel
figure: no HTTP in it), and rapidfuzz brute force over every unit, one thread. "Same best"
counts queries whose best match has the percentage brute force finds.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from installed import compile_like_an_install
from tm_lookup import brute_force, queries, sentences

from tmkit.tm.fuzzy import index_terms
from tmkit.tm.open import open_store
from tmkit.units import Memory, TranslationUnit, Variant

MINIMUM = 75
WORKERS = os.cpu_count() or 1  # one server process per core


def _units(sources: list[str]):
    return (
        (Memory("en"), TranslationUnit([Variant("en", s), Variant("fr", f"t{i}")]))
        for i, s in enumerate(sources)
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _load(ask: Callable[[str], object], asked: list[str], clients: int, seconds: float):
    """Latencies of every request `clients` threads made in `seconds`, cycling the queries."""
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client(offset: int) -> None:
        mine = []
        i = offset
        while time.perf_counter() < stop:
            began = time.perf_counter()
            ask(asked[i % len(asked)])
            mine.append(time.perf_counter() - began)
            i += clients
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies


def _lookup_path(query: str) -> str:
    """The amaGama look-up of a query, as every client asks it."""
    path = "/tmserver/en/fr/unit/" + urllib.parse.quote(query)
    return f"{path}?min_similarity={MINIMUM}&max_candidates=1"


def _lean_client(port: int, asked: list[str], first: int, step: int, stop: float, out) -> None:
    """One client: look-ups over one connection until `stop`, latencies sent to `out`."""
    connection = socket.create_connection(("127.0.0.1", port))
    connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    latencies = []
    i = first
    while time.time() < stop:
        path = _lookup_path(asked[i % len(asked)])
        request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
        began = time.perf_counter()
        connection.sendall(request)
        answer = b""
        while b"\r\n\r\n" not in answer:
            answer += connection.recv(65536)
        head, _, body = answer.partition(b"\r\n\r\n")
        length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
        while len(body) < length:
            body += connection.recv(65536)
        latencies.append(time.perf_counter() - began)
        i += step
    connection.close()
    out.put(latencies)


def _http_load(port: int, asked: list[str], clients: int, seconds: float) -> list[float]:
    """Latencies of every look-up `clients` client processes made in `seconds`."""
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    stop = time.time() + seconds
    processes = [context.Process(target=_lean_client, args=(port, asked, n, clients, stop, out))
                 for n in range(clients)]  # fmt: skip
    for process in processes:
        process.start()
    latencies = [latency for _ in processes for latency in out.get()]
    for process in processes:
        process.join()
    return latencies


def _http_asker(port: int) -> Callable[[str], int]:
    local = threading.local()

    def ask(query: str) -> int:
        if not hasattr(local, "connection"):
            local.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        local.connection.request("GET", _lookup_path(query))
        found = json.loads(local.connection.getresponse().read())
        return found[0]["quality"] if found else 0

    return ask


def _serving(db: str):
    port = _free_port()
    command = [sys.executable, "-m", "tmkit", "serve", "--db", db, "--port", str(port),
               "--workers", str(WORKERS)]  # fmt: skip
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process, port
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"tmkit serve --db {db} did not start")


def _report(name: str, latencies: list[float], seconds: float) -> None:
    ordered = sorted(latencies)
    p95 = ordered[max(0, int(0.95 * len(ordered)) - 1)]
    print(f"{name:34} {1000 * statistics.median(ordered):8.1f} {1000 * p95:8.1f} "
          f"{len(ordered) / seconds:10.0f}")  # fmt: skip


def main() -> None:
    compile_like_an_install()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--postgres", help="an empty database's URL (default: start one)")
    args = parser.parse_args()
    import random

    rng = random.Random(11)
    sources = sentences(args.units, rng)
    asked = queries(sources, args.queries, rng)
    ci = Path(__file__).parent.parent / ".ci"
    url = (
        args.postgres
        or subprocess.run(
            ["bash", str(ci / "postgres")], capture_output=True, text=True, check=True
        ).stdout.strip()
    )
    try:
        _run(args, url, sources, asked)
    finally:
        if not args.postgres:  # the throw-away server goes with the run
            subprocess.run(["bash", str(ci / "postgres-stop"), url], check=False)


def _run(args: argparse.Namespace, url: str, sources: list[str], asked: list[str]) -> None:
    """Import, then load each store and pg_trgm, printing the table."""
    import psycopg

    with tempfile.TemporaryDirectory() as folder:
        sqlite = os.path.join(folder, "bench.sqlite")
        rates = {}
        for name, db in (("SQLite", sqlite), ("PostgreSQL", url)):
            began = time.perf_counter()
            with open_store(db, create=True) as store:
                store.import_units(_units(sources))
            rates[name] = args.units / (time.perf_counter() - began)
        print(f"{args.units} units; import: SQLite {rates['SQLite']:,.0f} units/s, "
              f"PostgreSQL {rates['PostgreSQL']:,.0f} units/s\n")  # fmt: skip
        terms = [index_terms(s) for s in sources]
        best = []
        brute = []
        for query in asked[:50]:
            began = time.perf_counter()
            score = brute_force(query, sources, terms)
            brute.append(time.perf_counter() - began)
            best.append(score if score >= MINIMUM else 0)
        print(f"{'':34} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>10}")
        for name, db in (("tmkit serve, PostgreSQL", url), ("tmkit serve, SQLite", sqlite)):
            process, port = _serving(db)
            try:
                ask = _http_asker(port)
                same = sum(ask(q) == b for q, b in zip(asked, best, strict=False))
                latencies = _http_load(port, asked, args.clients, args.seconds)
            finally:
                process.terminate()
                process.wait()
            _report(f"{name} ({args.clients} clients)", latencies, args.seconds)
            print(f"{'':34} same best as brute force: {same}/{len(best)}")
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            began = time.perf_counter()
            admin.execute(
                "CREATE INDEX IF NOT EXISTS units_trgm ON units USING gin (src gin_trgm_ops)"
            )
            built = time.perf_counter() - began
        local = threading.local()

        def trigram(query: str) -> object:
            if not hasattr(local, "connection"):
                local.connection = psycopg.connect(url, autocommit=True)
                local.connection.execute("SELECT set_limit(0.5)")
            return local.connection.execute(
                "SELECT src, similarity(src, %s) AS s FROM units WHERE src %% %s "
                "ORDER BY s DESC LIMIT 1",
                (query, query),
            ).fetchone()

        latencies = _load(trigram, asked, args.clients, args.seconds)
        _report(f"pg_trgm % ({args.clients} threads, SQL)", latencies, args.seconds)
        print(f"{'':34} (trigram index built in {built:.0f} s)")
        _report("rapidfuzz brute force (1 thread)", brute, sum(brute))


if __name__ == "__main__":
    main()
