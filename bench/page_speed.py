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

Measured: the Flask test client's GET of a page (routing, database reads, learner statuses, the pure page view,
Jinja), in-process, no network. Pages are drawn over the whole book; each is fetched several times and the median
of all fetches is reported, for a new visitor and for a learner with 3,000 marked words.
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


def build_library(database_url: str) -> tuple[object, str, int]:
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
        side = session.query(Side).join(Text).filter(Text.id == saved.id, Side.role == "source").one()
        for row in session.query(SentenceRow).filter(SentenceRow.side_id == side.id):
            partner = english_tokens.get(english_ids[row.position]) if row.position < len(english_ids) else 0
            row.glosses = synthetic_glosses(row.tokens, partner or 0)
    print(f"built the book: {len(french)} French and {len(english)} English sentences analysed in {analyse_s:.0f} s, "
          f"{saved.page_count} pages")
    return app, "bovary", saved.page_count


def time_pages(client, slug: str, pages: list[int], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        for number in pages:
            t0 = time.perf_counter()
            response = client.get(f"/read/{slug}/{number}")
            times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, response.status_code
    return times


def run(pages_drawn: int = 40, repeats: int = 5) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        app, slug, page_count = build_library(f"sqlite:///{Path(tmp) / 'bench.sqlite'}")
        rng = random.Random(7)
        pages = rng.sample(range(1, page_count + 1), min(pages_drawn, page_count))
        visitor = app.test_client()
        time_pages(visitor, slug, pages[:5], 1)  # warm up caches and templates
        visitor_ms = time_pages(visitor, slug, pages, repeats)

        learner = app.test_client()
        lemmas = set()
        for number in pages[:10]:
            html = learner.get(f"/read/{slug}/{number}").get_data(as_text=True)
            lemmas.update(re.findall(r'data-l="([^"]+)"', html))
        learner.put("/api/words", json={"lang": "fr", "lemma": "warm", "status": "known"})
        from bireader.learner.service import find_learner, set_word_status
        from bireader.store.db import transaction
        from bireader.web.learner.identity import COOKIE

        token = learner.get_cookie(COOKIE).value
        with transaction(app.extensions["bireader.sessions"]) as session:
            row = find_learner(session, token)
            for k, lemma in enumerate(sorted(lemmas) + [f"extra{k}" for k in range(3000)]):
                if k >= 3000:
                    break
                set_word_status(session, row, "fr", lemma, "known" if k % 3 else "learning")
        learner_ms = time_pages(learner, slug, pages, repeats)
        counts_ms = []
        for _ in range(repeats + 1):  # the first call reads the whole book into the bead cache
            t0 = time.perf_counter()
            assert learner.get(f"/api/texts/{slug}/counts").status_code == 200
            counts_ms.append((time.perf_counter() - t0) * 1000)
        bodies = [visitor.get(f"/read/{slug}/{p}").data for p in pages[:10]]
        sizes = [len(body) for body in bodies]
        json_sizes = [sum(len(m) for m in re.findall(rb'<script type="application/json"[^>]*>(.*?)</script>', body, re.S))
                      for body in bodies]
    return dict(page_count=page_count, pages=len(pages), repeats=repeats,
                visitor_median=statistics.median(visitor_ms), visitor_p90=statistics.quantiles(visitor_ms, n=10)[-1],
                learner_median=statistics.median(learner_ms), learner_p90=statistics.quantiles(learner_ms, n=10)[-1],
                html_kb=statistics.median(sizes) / 1024, json_kb=statistics.median(json_sizes) / 1024,
                gzip_kb=statistics.median(len(zlib.compress(b, 6)) for b in bodies) / 1024, counts_first=counts_ms[0],
                counts_median=statistics.median(counts_ms[1:]))


def table(r: dict) -> str:
    return "\n".join([
        "| reader | median ms | p90 ms |",
        "|---|---:|---:|",
        f"| new visitor | {r['visitor_median']:.1f} | {r['visitor_p90']:.1f} |",
        f"| learner with 3,000 marked words | {r['learner_median']:.1f} | {r['learner_p90']:.1f} |",
        "",
        f"Madame Bovary as stored: {r['page_count']} pages; {r['pages']} pages drawn at random, each fetched "
        f"{r['repeats']} times per reader; median page weight {r['html_kb']:.0f} KiB, of which {r['json_kb']:.0f} KiB "
        f"is the JSON of its popups (inline in the HTML; {r['gzip_kb']:.0f} KiB compressed). "
        f"Target: median <= 10 ms (was <= 50 ms).",
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
    args = parser.parse_args()
    result = run(args.pages, args.repeats)
    text = table(result)
    print(text)
    if not args.no_doc:
        write_doc(text)
        print(f"written to {DOC}")


if __name__ == "__main__":
    main()
