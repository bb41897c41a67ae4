"""Server time for one reader page of a whole book (Madame Bovary, about 7,300 French sentences), median of many.

    .venv/bin/python -m bench.page_speed            # table + figures into docs/reader.md
    .venv/bin/python -m bench.page_speed --no-doc   # print only

The book: ../shared/eval/bovary_fr-en ``*.sent.txt`` (one sentence per line; Flaubert 1857 and Eleanor
Marx-Aveling's translation, Project Gutenberg, public domain, as prepared in github wydengyre/bitextual). French
and English sentences are paired line by line (simple 1-1 beads; the surplus French lines become French-only
beads), four sentences to a paragraph, a section every 300 sentences. Tokens, lemmas and POS come from the offline
NLP engine (spaCy for French), so the page weighs what a real page weighs; every French noun, verb, adjective and
adverb gets a gloss of the stored shape (two senses, a rendering, a frequency rank) so that popups and inline
glosses are rendered as for a glossed import.

The site has an account, so it is not in single-user mode, and the book is public: the *new visitor* is an
anonymous client reading it; the *learner* is an account logged in through the login form (with its CSRF token,
as ``bench.load`` does) whose profile has 3,000 marked French words.

Measured: the Flask test client's GET of a page (routing, access check, database reads, learner statuses, the
page's layout or the page cache, Jinja, compression as a browser asks for it), in-process, no network; wall time
and this process's CPU time (user + system: what counts on a machine shared with other work). Pages are drawn over
the whole book. Each run empties the page cache (:mod:`bireader.web.read.pages`), then fetches every drawn page
once (the first request for a page: read, decoded, laid out) and several times more (laid out before: only the
learner's words are filled in); the two are reported apart, as the median of the runs' medians. Also reported: a
page's weight (its HTML and the JSON its scripts fetch after it loads) and the largest part of the vocabulary page.

    .venv/bin/python -m bench.page_speed --runs 5 --repeats 5 --pages 40   # the defaults are 3, 5, 40
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import tempfile
import time
import zlib
from pathlib import Path

from bench import SHARED, write_block
from bireader.document import Bead, Document, Entry, Paragraph, Section, Sentence

BOOK = SHARED / "eval" / "bovary_fr-en"
DOC = Path(__file__).resolve().parents[1] / "docs" / "reader.md"
CONTENT = {"NOUN", "VERB", "ADJ", "ADV"}


def read_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def build_document(lines: list[str], lang: str, engine) -> Document:
    """Lines as sentences, four to a paragraph, a section every 300 sentences, analysed by ``engine``."""
    analysed = engine.analyse(lines, lang)  # each line as its own paragraph: tokens with offsets in the line
    sections: list[Section] = []
    for start in range(0, len(lines), 300):
        paragraphs = []
        for p_start in range(start, min(start + 300, len(lines)), 4):
            sentences, texts = [], []
            offset = 0
            for k in range(p_start, min(p_start + 4, start + 300, len(lines))):
                tokens = [t for s in analysed[k] for t in s.tokens]
                for t in tokens:
                    t.start += offset
                    t.end += offset
                sentences.append(Sentence(f"p{p_start}.{k - p_start}", lines[k], offset, tokens))
                texts.append(lines[k])
                offset += len(lines[k]) + 1
            paragraphs.append(Paragraph(f"p{p_start}", " ".join(texts), sentences))
        heading = f"Chapitre {start // 300 + 1}" if lang == "fr" else f"Chapter {start // 300 + 1}"
        sections.append(Section(f"s{start}", heading, [Entry(f"e{start}", None, paragraphs)]))
    return Document(title="Madame Bovary", lang=lang, sections=sections, engine=engine.version)


def synthetic_glosses(tokens: list, target_tokens: int) -> list[dict]:
    glosses = []
    for index, token in enumerate(tokens):
        if token[4] not in CONTENT or not token[5]:
            continue
        rank = zlib.crc32(token[3].encode()) % 30000 + 1
        glosses.append(dict(token=index, lemma=token[3], pos=token[4], senses=[f"{token[3]} (1)", f"{token[3]} (2)"],
                            rendering=[min(index, max(0, target_tokens - 1))], rendering_text="rendering",
                            freq_rank=rank, band="rare" if rank > 5000 else "common", gloss_worthy=True))
    return glosses


LEARNER = "page-speed-learner"  # the bench's own throwaway account, in a throwaway database
PASSWORD = "page-speed password"


def build_library(database_url: str) -> tuple[object, str, int]:
    """The app with the book stored as a public text, and one learner account (so the site is not in
    single-user mode: an anonymous visitor reads what a visitor of a school's server reads)."""
    from bireader.accounts.service import add_user
    from bireader.nlp import get_engine
    from bireader.store.db import transaction
    from bireader.store.library import save_text
    from bireader.store.models import SentenceRow, Side, Text
    from bireader.web.app import create_app

    engine = get_engine("offline")
    french, english = read_lines(BOOK / "bovary.french.sent.txt"), read_lines(BOOK / "bovary.english.sent.txt")
    t0 = time.perf_counter()
    source, target = build_document(french, "fr", engine), build_document(english, "en", engine)
    analyse_s = time.perf_counter() - t0
    n = min(len(french), len(english))
    beads = [Bead([i], [i], 0.9) for i in range(n)] + [Bead([i], [], 0.0) for i in range(n, len(french))]
    beads += [Bead([], [j], 0.0) for j in range(n, len(english))]
    app = create_app({"TESTING": True, "DATABASE_URL": database_url})
    sessions = app.extensions["bireader.sessions"]
    english_tokens = {s.id: len(s.tokens) for s in target.sentences()}
    english_ids = [s.id for s in target.sentences()]
    with transaction(sessions) as session:
        saved = save_text(session, source, target, beads, slug="bovary", title="Madame Bovary")
        session.get(Text, saved.id).public = True
        side = session.query(Side).join(Text).filter(Text.id == saved.id, Side.role == "source").one()
        for row in session.query(SentenceRow).filter(SentenceRow.side_id == side.id):
            partner = english_tokens.get(english_ids[row.position]) if row.position < len(english_ids) else 0
            row.glosses = synthetic_glosses(row.tokens, partner or 0)
        add_user(session, LEARNER, "learner", PASSWORD)
    print(f"built the book: {len(french)} French and {len(english)} English sentences analysed in {analyse_s:.0f} s, "
          f"{saved.page_count} pages")
    return app, "bovary", saved.page_count



def log_in(client) -> str:
    """Log ``client`` in as the bench's learner through the login form, as a browser does; returns the session's
    CSRF token (the page's ``<meta name="csrf-token">``), which the reader's scripts send with every write."""
    form = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
    response = client.post("/login", data={"name": LEARNER, "password": PASSWORD, "csrf": token})
    assert response.status_code == 303, response.status_code
    page = client.get("/").get_data(as_text=True)
    return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)


def mark_words(app, client, csrf: str, lemmas: list[str], count: int = 3000) -> None:
    """Give the logged-in learner ``count`` marked French words: the first through the JSON API (which creates
    the account's learner profile), the rest stored directly (the same upsert), page lemmas first."""
    from bireader.accounts.service import find_user
    from bireader.classroom.service import learner_of
    from bireader.learner.service import set_word_status
    from bireader.store.db import transaction

    words = (lemmas + [f"extra{k}" for k in range(count)])[:count]
    response = client.put("/api/words", json={"lang": "fr", "lemma": words[0], "status": "learning"},
                          headers={"X-CSRFToken": csrf})
    assert response.status_code == 200, response.get_data(as_text=True)
    with transaction(app.extensions["bireader.sessions"]) as session:
        learner = learner_of(session, find_user(session, LEARNER))
        for k, lemma in enumerate(words[1:], 1):
            set_word_status(session, learner, "fr", lemma, "known" if k % 3 else "learning")


BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}  # what Chromium asks for: the page is sent compressed


def time_pages(client, slug: str, pages: list[int], repeats: int) -> tuple[list[float], list[float]]:
    """Wall and CPU (this process's user + system) milliseconds of each fetch, compressed as for a browser."""
    wall, cpu = [], []
    for _ in range(repeats):
        for number in pages:
            c0, t0 = time.process_time(), time.perf_counter()
            response = client.get(f"/read/{slug}/{number}", headers=BROWSER)
            wall.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            assert response.status_code == 200, response.status_code
    return wall, cpu


def page_weight(client, slug: str, number: int) -> dict:
    """What opening a page costs on the wire: its HTML, and the JSON the page's scripts fetch once it has loaded
    (``GET /api/texts/<slug>/counts``, the whole text's word counts, and the answer to ``PUT /api/position``)."""
    html = client.get(f"/read/{slug}/{number}").data
    sent = client.get(f"/read/{slug}/{number}", headers=BROWSER)
    inline = sum(len(m) for m in re.findall(rb'<script type="application/json"[^>]*>(.*?)</script>', html, re.S))
    counts = client.get(f"/api/texts/{slug}/counts").data
    token = re.search(rb'name="csrf-token" content="([^"]+)"', html).group(1).decode()
    position = client.put("/api/position", json={"slug": slug, "page": number, "bead": 0, "create_learner": False},
                          headers={"X-CSRFToken": token}).data
    return dict(html=len(html), inline=inline, sent=len(sent.data), counts=len(counts), position=len(position),
                encoding=sent.headers.get("Content-Encoding", "none"))


def vocabulary_parts(client, slug: str, pages: list[int]) -> list[int]:
    """Bytes of every part of the vocabulary of each page in ``pages`` and of the whole text (words to learn)."""
    sizes = []
    for query in [f"page={p}&" for p in pages] + [""]:
        part = 1
        while True:
            response = client.get(f"/vocab/{slug}?{query}part={part}")
            if response.status_code == 404:
                break
            assert response.status_code == 200, response.status_code
            sizes.append(len(response.data))
            part += 1
    return sizes


def _median(values) -> float:
    return statistics.median(values)


def _p90(values) -> float:
    return statistics.quantiles(values, n=10)[-1]


READERS = ("visitor", "learner")
KINDS = ("laid_out", "first")  # a page laid out before (in the page cache), the first request for a page


def run(pages_drawn: int = 40, repeats: int = 5, runs: int = 3) -> dict:
    """``runs`` rounds on one stored book: in each, the page cache is emptied, then each reader fetches every
    drawn page once (the first request: the page is read, decoded and laid out) and ``repeats`` times more (laid
    out before: only the learner's words are filled in)."""
    from bireader.web.read.routes import page_cache

    with tempfile.TemporaryDirectory() as tmp:
        app, slug, page_count = build_library(f"sqlite:///{Path(tmp) / 'bench.sqlite'}")
        rng = random.Random(7)
        pages = rng.sample(range(1, page_count + 1), min(pages_drawn, page_count))
        others = [n for n in range(1, page_count + 1) if n not in pages][:5]
        visitor = app.test_client()  # anonymous: reads the public text, marks nothing
        learner = app.test_client()
        csrf = log_in(learner)
        lemmas = set()
        for number in pages[:10]:
            html = learner.get(f"/read/{slug}/{number}").get_data(as_text=True)
            lemmas.update(re.findall(r'data-l="([^"]+)"', html))
        mark_words(app, learner, csrf, sorted(lemmas))
        for client in (visitor, learner):
            time_pages(client, slug, others, 1)  # warm up templates and SQLAlchemy's statement cache
        rounds = []
        for _ in range(runs):
            figures = {}
            for reader, client in (("visitor", visitor), ("learner", learner)):
                with app.app_context():
                    page_cache().clear()
                figures[(reader, "first")] = time_pages(client, slug, pages, 1)
                figures[(reader, "laid_out")] = time_pages(client, slug, pages, repeats)
            rounds.append(figures)
        counts_ms = []
        for _ in range(repeats + 1):  # the first call reads the whole book into the bead cache
            t0 = time.perf_counter()
            assert learner.get(f"/api/texts/{slug}/counts").status_code == 200
            counts_ms.append((time.perf_counter() - t0) * 1000)
        weights = [page_weight(learner, slug, p) for p in pages[:10]]
        vocab = vocabulary_parts(learner, slug, pages[:3])
    times = {}
    for key in rounds[0]:
        medians = [_median(r[key][0]) for r in rounds]
        cpu = [_median(r[key][1]) for r in rounds]
        times[key] = dict(median=_median(medians), low=min(medians), high=max(medians), cpu=_median(cpu),
                          p90=_median([_p90(r[key][0]) for r in rounds]))
    return dict(page_count=page_count, pages=len(pages), repeats=repeats, runs=runs, times=times,
                weight={key: _median(w[key] for w in weights) / 1024 for key in weights[0] if key != "encoding"},
                encoding=weights[0]["encoding"],
                vocab_max_kb=max(vocab) / 1024, vocab_parts=len(vocab),
                counts_first=counts_ms[0], counts_median=_median(counts_ms[1:]))


def table(r: dict) -> str:
    w, t = r["weight"], r["times"]
    names = {"visitor": "new visitor (anonymous)", "learner": "learner (an account) with 3,000 marked words"}
    kinds = {"laid_out": "page laid out before", "first": "first request for the page"}
    rows = [f"| {names[reader]} | {kinds[kind]} | {t[reader, kind]['median']:.1f} "
            f"({t[reader, kind]['low']:.1f}–{t[reader, kind]['high']:.1f}) | {t[reader, kind]['p90']:.1f} | "
            f"{t[reader, kind]['cpu']:.1f} |" for reader in READERS for kind in KINDS]
    return "\n".join([
        "| reader | page | median ms (range of runs) | p90 ms | median CPU ms |",
        "|---|---|---:|---:|---:|",
        *rows,
        "",
        f"Madame Bovary as stored: {r['page_count']} pages, a public text; {r['pages']} pages drawn at random. "
        f"{r['runs']} runs, each starting with an empty page cache: every page fetched once (the first request: "
        f"read, decoded, laid out) then {r['repeats']} times more, per reader, compressed as a browser asks "
        f"(`Accept-Encoding: {BROWSER['Accept-Encoding']}`); medians of the runs' medians. "
        f"Target: median <= 10 ms.",
        "",
        f"Weight of a page (median of 10): HTML {w['html']:.0f} KiB ({w['sent']:.0f} KiB as sent, {r['encoding']}), "
        f"of which "
        f"{w['inline']:.0f} KiB is the popups' JSON inline; then the page's scripts fetch "
        f"`GET /api/texts/<slug>/counts` ({w['counts'] * 1024:.0f} B of JSON) and send `PUT /api/position` "
        f"({w['position'] * 1024:.0f} B back): {w['html'] + w['counts'] + w['position']:.0f} KiB in all.",
        "",
        f"Vocabulary (`/vocab/<slug>`, words to learn, the whole text and three pages, every part): "
        f"{r['vocab_parts']} parts, the largest {r['vocab_max_kb']:.0f} KiB (target <= 150 KB).",
        "",
        f"Whole-book word counts (`/api/texts/<slug>/counts`, fetched by the page after it loads): "
        f"{r['counts_first']:.0f} ms the first time (reads and analyses the whole book, then cached per text and "
        f"level), then {r['counts_median']:.0f} ms (median).",
    ])


def write_doc(text: str) -> None:
    write_block(DOC, "<!-- page_speed -->", "<!-- /page_speed -->", text + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-doc", action="store_true", help="print only; leave docs/reader.md alone")
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    result = run(args.pages, args.repeats, args.runs)
    text = table(result)
    print(text)
    if not args.no_doc:
        write_doc(text)
        print(f"written to {DOC}")


if __name__ == "__main__":
    main()
