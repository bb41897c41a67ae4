"""Lemma accuracy of the engines on a hand-annotated French sample (bench/data/lemma_gold_fr.tsv).

477 word tokens from Candide, La Parure and Le Tour du monde en quatre-vingts jours, literary tenses included (see
the file's header for sources and conventions). Each engine analyses each gold sentence as a paragraph; a gold token
is matched to the engine's token with the same character span (no match counts as an error and is reported as a
tokenisation mismatch); a lemma is right when it equals one of the gold alternatives, ignoring case.

It also measures the English offline tagger's UPOS accuracy on bench/data/upos_gold_en.tsv (252 tokens of Candide
in English, tagged by hand), matched the same way: the only check of that heuristic tagger.

    .venv/bin/python -m bench.lemmas          # tables, and the figures into docs/nlp.md
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench import write_block

GOLD = Path(__file__).parent / "data" / "lemma_gold_fr.tsv"
UPOS_GOLD_EN = Path(__file__).parent / "data" / "upos_gold_en.tsv"
DOC = Path(__file__).parent.parent / "docs" / "nlp.md"
# passé simple and subjunctive imperfect/pluperfect forms in the sample
LITERARY = {"fut", "voulut", "mourut", "trouvèrent", "répandit", "laissa", "prît", "fût", "semblât", "pût", "eussent",
            "eût"}


def load_gold(path: Path = GOLD) -> tuple[dict[str, str], list[tuple[str, int, int, str, set[str]]]]:
    """(sentences by id, tokens as (sentence id, start, end, text, accepted lemmas))."""
    sentences, tokens = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# ") and "\t" in line:
            sid, _source, text = line[2:].split("\t", 2)
            sentences[sid] = text
        elif line and not line.startswith("#"):
            sid, start, end, text, lemmas = line.split("\t")
            tokens.append((sid, int(start), int(end), text, {x.lower() for x in lemmas.split("|")}))
    return sentences, tokens


def lemmatisers() -> dict:
    """name -> function(list of sentences) -> list of {(start, end): lemma}."""
    from bireader.nlp import get_engine
    from bireader.nlp.offline import french_pipeline

    def engine(name):
        def run(texts):
            result = get_engine(name).analyse(texts, "fr")
            return [{(t.start, t.end): t.lemma for s in p for t in s.tokens} for p in result]
        return run

    def spacy_raw(texts):
        return [{(t.idx, t.idx + len(t)): t.lemma_ for t in doc} for doc in french_pipeline().pipe(texts)]

    def simplemma_only(texts):
        import simplemma

        result = get_engine("offline").analyse(texts, "fr")
        return [{(t.start, t.end): simplemma.lemmatize(t.text.lower().lstrip("-") or t.text, lang="fr")
                 for s in p for t in s.tokens} for p in result]

    found = {"offline (spaCy md + fixes)": engine("offline"), "spaCy md, raw lemma_": spacy_raw,
             "simplemma (offline tokens)": simplemma_only}
    try:
        found["stanza"] = engine("stanza")
        get_engine("stanza")
    except Exception:  # no stanza or no models here: reported as absent
        del found["stanza"]
    return found


def evaluate(run, sentences, tokens) -> dict:
    ids = list(sentences)
    predicted = dict(zip(ids, run([sentences[i] for i in ids])))
    right = mismatched = lit_right = lit_total = 0
    errors = []
    for sid, start, end, text, gold in tokens:
        lemma = predicted[sid].get((start, end))
        ok = lemma is not None and lemma.lower() in gold
        right += ok
        mismatched += lemma is None
        if text.lower() in LITERARY:
            lit_total += 1
            lit_right += ok
        if not ok:
            errors.append(f"{text}->{lemma}")
    return {"accuracy": right / len(tokens), "right": right, "n": len(tokens), "mismatched": mismatched,
            "literary": (lit_right, lit_total), "errors": errors}


def table(results: dict) -> str:
    lines = ["| lemmatiser | accuracy | right / tokens | span mismatches | literary tenses | some errors |",
             "|---|---:|---:|---:|---:|---|"]
    for name, r in results.items():
        lit = r["literary"]
        lines.append(f"| {name} | **{r['accuracy']:.3f}** | {r['right']} / {r['n']} | {r['mismatched']} | "
                     f"{lit[0]} / {lit[1]} | {', '.join(r['errors'][:8])} |")
    return "\n".join(lines)


def write_doc(text: str, marker: str = "bench.lemmas") -> None:
    write_block(DOC, f"<!-- {marker} -->", f"<!-- /{marker} -->", text + "\n")


def english_tagging() -> str:
    """Accuracy of the engines' English UPOS tags on the hand-tagged sample, as a markdown table."""
    from bireader.nlp import get_engine

    sentences, tokens = load_gold(UPOS_GOLD_EN)
    names = ["offline"]
    try:
        get_engine("stanza")
        names.append("stanza")
    except Exception:
        pass
    lines = ["| engine (English) | UPOS accuracy | right / tokens | span mismatches | errors (token->tag) |",
             "|---|---:|---:|---:|---|"]
    for name in names:
        ids = list(sentences)
        analysed = get_engine(name).analyse([sentences[i] for i in ids], "en")
        predicted = {i: {(t.start, t.end): t.pos for s in p for t in s.tokens} for i, p in zip(ids, analysed)}
        right = missing = 0
        errors = []
        for sid, start, end, text, gold in tokens:
            pos = predicted[sid].get((start, end))
            missing += pos is None
            if pos is not None and pos.lower() in gold:
                right += 1
            else:
                errors.append(f"{text}->{pos}")
        lines.append(f"| {name} | **{right / len(tokens):.3f}** | {right} / {len(tokens)} | {missing} | "
                     f"{', '.join(errors)} |")
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    sentences, tokens = load_gold()
    results = {name: evaluate(run, sentences, tokens) for name, run in lemmatisers().items()}
    text = table(results) + "\n\n" + english_tagging()
    print(text)
    for name, r in results.items():
        print(f"\n{name}: all errors: {' '.join(r['errors'])}")
    if "--no-doc" not in argv:
        write_doc(text)


if __name__ == "__main__":
    main(sys.argv[1:])
