"""Load on the production server: requests/s, latency percentiles and errors under 50 concurrent connections.

    .venv/bin/python -m bench.load                          # SQLite; figures into docs/deploy.md
    bash .ci/services.sh .venv/bin/python -m bench.load     # SQLite and PostgreSQL (a throwaway cluster)
    .venv/bin/python -m bench.load --requests 2000 --no-doc # a quick look, printed only

The server is ``bireader serve`` (waitress, ``--threads``) in its own process, on a copy of the seed library
(built once into ``bench/out/load-seed.sqlite`` with ``bireader seed``; for PostgreSQL the copy's rows are
loaded into ``BIREADER_TEST_DATABASE_URL``). This process drives it with ``--connections`` asyncio clients
(httpx, one keep-alive connection each) over a mix like a class reading:

    40 %  a reader page            GET /read/<slug>/<n>
    10 %  the library              GET /
    15 %  the page's word counts   GET /api/texts/<slug>/counts?page=<n>   (the reader's gloss/level API)
    10 %  the learner's words      GET /api/words?lang=fr
    20 %  a word mark              PUT /api/words   {"lang": "fr", "lemma": ..., "status": ...}
     5 %  the reading position     PUT /api/position

by ``--learners`` learners (20): each connection belongs to one. A learner's identity is whatever
:class:`Learner` sets up in ``log_in``: an account (``load-learner-NN``, created on the copy) logged in through
the login form, its session cookie, and the CSRF token its writes send in ``X-CSRFToken``. An error is a transport failure or any status other
than the one expected (200); the server's log is searched for "database is locked". The server's CPU time per
request (from /proc) is reported too: on a machine shared with other work it says what one free core would serve.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench import write_block

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "deploy.md"
SEED = ROOT / "bench" / "out" / "load-seed.sqlite"
BIREADER = str(Path(sys.executable).with_name("bireader"))
LEMMAS = ["maison", "jardin", "homme", "femme", "château", "baron", "philosophe", "monde", "meilleur", "guerre",
          "armée", "bataille", "village", "ciel", "amour", "baiser", "porte", "fille", "fils", "raison",
          "pied", "main", "tête", "cœur", "jour", "nuit", "temps", "vie", "mort", "terre"]
STATUSES = ["known", "learning", "ignore"]
PASSWORD = "load-test password"  # the bench's own throwaway accounts, on a copy of the seed library
MIX = [("page", 40), ("library", 10), ("counts", 15), ("words", 10), ("mark", 20), ("position", 5)]


@dataclass
class Learner:
    """One logged-in learner: the cookies (and, with accounts, the CSRF header) its connections send."""

    number: int
    cookies: httpx.Cookies = field(default_factory=httpx.Cookies)
    headers: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"load-learner-{self.number:02d}"

    async def log_in(self, client: httpx.AsyncClient) -> None:
        """Log in with the login form and its CSRF token; keep the session cookie and the token for the writes."""
        form = await client.get("/login")
        token = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
        response = await client.post("/login", data={"name": self.name, "password": PASSWORD, "csrf": token})
        if response.status_code != 303:
            raise SystemExit(f"{self.name} could not log in: {response.status_code}")
        page = await client.get("/")
        self.cookies = httpx.Cookies(client.cookies)
        self.headers = {"X-CSRFToken": re.search(r'name="csrf-token" content="([^"]+)"', page.text).group(1)}


def add_learners(url: str, count: int) -> None:
    """The accounts the load's learners log in with (the server has migrated the database by then)."""
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from bireader.accounts.service import add_user, find_user

    engine = create_engine(url)
    with Session(engine) as session, session.begin():
        for number in range(count):
            learner = Learner(number)
            if find_user(session, learner.name) is None:
                add_user(session, learner.name, "learner", PASSWORD)
    engine.dispose()


@dataclass
class Library:
    texts: list[tuple[str, int]]  # slug, page count

    def page(self, rng: random.Random) -> tuple[str, int]:
        slug, pages = rng.choice(self.texts)
        return slug, rng.randint(1, pages)


def request_for(kind: str, library: Library, rng: random.Random) -> tuple[str, str, dict | None]:
    slug, page = library.page(rng)
    if kind == "page":
        return "GET", f"/read/{slug}/{page}", None
    if kind == "library":
        return "GET", "/", None
    if kind == "counts":
        return "GET", f"/api/texts/{slug}/counts?page={page}", None
    if kind == "words":
        return "GET", "/api/words?lang=fr", None
    if kind == "mark":
        return "PUT", "/api/words", {"lang": "fr", "lemma": rng.choice(LEMMAS), "status": rng.choice(STATUSES)}
    return "PUT", "/api/position", {"slug": slug, "page": page, "bead": rng.randint(0, 20)}


@dataclass
class Result:
    database: str
    requests: int
    seconds: float
    latencies: dict[str, list[float]]
    errors: list[str]
    locked: int
    server_cpu: float  # CPU seconds the server process spent on the measured requests

    @property
    def cpu_ms(self) -> float:
        """Server CPU per request: what the figures would be without contention, one core."""
        return 1000 * self.server_cpu / self.requests

    def all_latencies(self) -> list[float]:
        return sorted(x for values in self.latencies.values() for x in values)


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


async def drive(base: str, library: Library, requests: int, connections: int, learners: int, seed: int) -> tuple:
    people = [Learner(n) for n in range(learners)]
    for person in people:  # each in a client of its own, so that no cookie of one reaches another
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            await person.log_in(client)
    kinds = [kind for kind, weight in MIX for _ in range(weight)]
    latencies: dict[str, list[float]] = {kind: [] for kind, _ in MIX}
    errors: list[str] = []
    remaining = [requests]

    async def connection(n: int) -> None:
        rng = random.Random(seed * 1000 + n)
        person = people[n % learners]
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits, cookies=person.cookies,
                                     headers=person.headers) as client:
            while remaining[0] > 0:
                remaining[0] -= 1
                kind = rng.choice(kinds)
                method, url, body = request_for(kind, library, rng)
                started = time.perf_counter()
                try:
                    response = await client.request(method, url, json=body)
                    if response.status_code != 200:
                        errors.append(f"{method} {url}: {response.status_code}")
                except httpx.HTTPError as error:
                    errors.append(f"{method} {url}: {type(error).__name__}")
                latencies[kind].append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(connection(n) for n in range(connections)))
    return time.perf_counter() - started, latencies, errors


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), children excluded."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed_library() -> Path:
    if not SEED.exists():
        SEED.parent.mkdir(parents=True, exist_ok=True)
        print("building the seed library once (bireader seed)…", file=sys.stderr)
        env = dict(os.environ, DATABASE_URL=f"sqlite:///{SEED}")
        subprocess.run([BIREADER, "seed"], env=env, check=True)
    return SEED


def texts_of(url: str) -> list[tuple[str, int]]:
    from sqlalchemy import create_engine, select

    from bireader.store.models import Text

    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(select(Text.slug, Text.page_count).order_by(Text.slug)).all()
    engine.dispose()
    return [(slug, pages) for slug, pages in rows]


def run(database: str, url: str, args) -> Result:
    port = free_port()
    log = Path(tempfile.mkstemp(prefix="bireader-load-", suffix=".log")[1])
    env = dict(os.environ, DATABASE_URL=url, PYTHONUNBUFFERED="1")
    env.pop("REDIS_URL", None)
    with log.open("w") as out:
        server = subprocess.Popen([BIREADER, "serve", "--port", str(port), "--threads", str(args.threads),
                                   "--no-seed", "--no-worker"], env=env, stdout=out, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(base + "/healthz", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the server did not start:\n{log.read_text()}")
            time.sleep(0.2)
        add_learners(url, args.learners)
        library = Library(texts_of(url))
        # a short warm-up (templates compiled, caches filled), not counted
        asyncio.run(drive(base, library, 200, args.connections, args.learners, seed=0))
        cpu_before = cpu_seconds(server.pid)
        seconds, latencies, errors = asyncio.run(
            drive(base, library, args.requests, args.connections, args.learners, seed=1))
        server_cpu = cpu_seconds(server.pid) - cpu_before
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    locked = log.read_text().count("database is locked")
    log.unlink()
    return Result(database, args.requests, seconds, latencies, errors, locked, server_cpu)


def report(results: list[Result], args) -> str:
    lines = [
        f"{args.requests:,} requests over {args.connections} connections by {args.learners} learners "
        f"(mix: {', '.join(f'{k} {w} %' for k, w in MIX)}), `bireader serve --threads {args.threads}` "
        f"(waitress) on a copy of the seed library; load generator in a second process on the same machine "
        f"({os.cpu_count()} cores shared with other work: load average "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())} at the end of the run).",
        "",
        "| database | requests/s | reader pages/s | p50 | p95 | p99 | errors | \"database is locked\" "
        "| server CPU a request | requests/s a core at that CPU |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        every = r.all_latencies()
        lines.append(
            f"| {r.database} | {r.requests / r.seconds:,.0f} | {len(r.latencies['page']) / r.seconds:,.0f} | "
            f"{percentile(every, 50) * 1000:.0f} ms | {percentile(every, 95) * 1000:.0f} ms | "
            f"{percentile(every, 99) * 1000:.0f} ms | {len(r.errors)} | {r.locked} | {r.cpu_ms:.1f} ms | "
            f"{1000 / r.cpu_ms:,.0f} |")
    lines += ["", "Per kind of request, median / p95:", "",
              "| database | " + " | ".join(k for k, _ in MIX) + " |", "|---|" + "---|" * len(MIX)]
    for r in results:
        lines.append(f"| {r.database} | " + " | ".join(
            f"{percentile(r.latencies[k], 50) * 1000:.0f} / {percentile(r.latencies[k], 95) * 1000:.0f} ms"
            for k, _ in MIX) + " |")
    for r in results:
        for error in sorted(set(r.errors))[:5]:
            lines.append(f"\n{r.database} error: `{error}`")
    return "\n".join(lines) + "\n"


def load_postgres(url: str) -> None:
    """The seed library's rows into the PostgreSQL database ``url`` (emptied first)."""
    from sqlalchemy import Integer, create_engine, select, text

    import bireader.jobs.models  # noqa: F401 (all tables in the metadata)
    import bireader.learner.models  # noqa: F401
    from bireader.store.db import open_engine
    from bireader.store.models import Base

    target = create_engine(url)
    with target.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    target.dispose()
    target = open_engine(url)
    source = create_engine(f"sqlite:///{seed_library()}")
    with source.connect() as reading, target.begin() as writing:
        for table in Base.metadata.sorted_tables:
            rows = [dict(row._mapping) for row in reading.execute(select(table))]
            if rows:
                writing.execute(table.insert(), rows)
            if rows and "id" in table.c and isinstance(table.c.id.type, Integer):  # serial ids go on from there
                writing.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                     f"(SELECT max(id) FROM {table.name}))"))
    target.dispose()
    source.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--learners", type=int, default=20)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--no-doc", action="store_true", help="print only")
    args = parser.parse_args()

    results = []
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "bireader.sqlite"
        shutil.copy(seed_library(), copy)
        results.append(run("SQLite (WAL)", f"sqlite:///{copy}", args))
        print(report(results, args))
    postgres = os.environ.get("BIREADER_TEST_DATABASE_URL")
    if postgres:
        load_postgres(postgres)
        results.append(run("PostgreSQL 15", postgres, args))
    else:
        print("(no PostgreSQL: run `bash .ci/services.sh .venv/bin/python -m bench.load` for both)", file=sys.stderr)
    body = report(results, args)
    print(body)
    if not args.no_doc:
        body += f"\n(`python -m bench.load`, {time.strftime('%Y-%m-%d')}, Python {platform.python_version()})\n"
        write_block(DOC, "<!-- bench.load -->", "<!-- /bench.load -->", body)


if __name__ == "__main__":
    main()
