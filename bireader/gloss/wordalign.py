"""Word alignment inside aligned sentence pairs, trained on the text itself with the dictionary as a prior.

The problem: to highlight the English words that render a French word, we need word links inside each bead, and
a single book is far too little text for a statistical aligner to learn French from scratch. So we train eflomal
(Östling & Tiedemann 2016: a Bayesian HMM aligner sampled with Gibbs, fast C code) on the book's own sentence
pairs, with lowercase lemmas as words (one book has few forms of each verb, but many of its lemma), and give it a
*lexical prior*: each French/English lemma pair that co-occurs in a sentence pair and that our lexicon lists as a
translation, or that share their first five letters (cognates: ``déclaration``/``declaration``), gets
pseudo-counts, so that ``maison``/``house`` is linked from the first sentence on.

We align in both directions and keep the intersection (precise, one-to-one) and the grow-diag-final-and union
(more links, phrases): ``Alignment.links`` is the first, ``Alignment.grown`` the second.

    >>> a = align_words([["le", "chat", "dormir"]], [["the", "cat", "sleep"]])[0]
    >>> sorted(a.links)
    [(0, 0), (1, 1), (2, 2)]

Links are Pharaoh pairs ``(i, j)``: i indexes the French sentence's tokens, j the English one's.
"""

from __future__ import annotations

import io
import math
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from sys import intern

from bireader.lexicon import Lexicon, english_words, load_lexicon
from bireader.gloss.seeding import DEFAULT_SEED, seeded_environment
from bireader.lexicon.lookup import spelling_key, spelling_variants, variant_senses

SAMPLERS = 1  # eflomal samplers whose counts are combined (docs/gloss.md measures 1 against more)
PRIOR_ALPHA = 5.0  # pseudo-counts per dictionary pair seen in a sentence pair (5 measured best of 1, 5: docs/gloss.md)

Link = tuple[int, int]


@dataclass
class Alignment:
    """The links of one sentence pair: ``links`` = both directions agree, ``grown`` = grow-diag-final-and."""

    links: set[Link] = field(default_factory=set)
    grown: set[Link] = field(default_factory=set)
    forward: set[Link] = field(default_factory=set)
    backward: set[Link] = field(default_factory=set)


def _lemmatiser(lang: str):
    import simplemma

    @lru_cache(maxsize=100_000)
    def lemma(word: str) -> str:
        return simplemma.lemmatize(word, lang=lang).lower()

    return lemma


@lru_cache(maxsize=4)
def _dictionary_targets(source: str, target: str):
    """word -> set of target words (forms and lemmas) that the lexicon gives as translations."""
    lex: Lexicon = load_lexicon(source, target)
    target_lemma = _lemmatiser(target)

    source_lemma = _lemmatiser(source)

    @lru_cache(maxsize=200_000)
    def targets(word: str) -> frozenset[str]:
        # the lookup's spelling variants too: "moeurs" is also "mœurs", the old "fesait" is "faisait" -> "faire"
        _, senses = variant_senses(lex, word)
        for variant in spelling_variants(word)[1:] if not senses and source == "fr" else []:
            senses = lex.senses(source_lemma(variant)) or lex.senses(variant)
            if senses:
                break
        out: set[str] = set()
        for sense in senses[:10]:
            for w in english_words(sense) if target == "en" else sense.text.replace(",", " ").split():
                w = w.lower()
                out.add(w)
                out.add(target_lemma(w))
        return frozenset(out)

    return targets


def lexical_priors(
    source: list[list[str]], target: list[list[str]], source_lang: str = "fr", target_lang: str = "en",
    alpha: float = PRIOR_ALPHA,
) -> dict[tuple[str, str], float]:
    """Prior pseudo-counts for word pairs that co-occur in a sentence pair and are dictionary translations.

    Identical words (names, numbers) get the prior too, and so do words that share their first five letters,
    accents aside (cognates the dictionary may lack: ``stabiliser``/``stabilize``; ALIBI intersection AER
    0.076 -> 0.073, the mean of three seeds).
    """
    targets = _dictionary_targets(source_lang, target_lang)
    priors: dict[tuple[str, str], float] = {}
    for src, trg in zip(source, target):
        trg_words = set(trg)
        by_key: dict[str, list[str]] = {}
        for t in trg_words:
            key = spelling_key(t)
            if key:
                by_key.setdefault(key, []).append(t)
        for word in set(src):
            for t in targets(word) & trg_words:
                priors[(word, t)] = alpha
            if word in trg_words and (len(word) > 2 or word.isdigit()):
                priors[(word, word)] = alpha
            for t in by_key.get(spelling_key(word), ()):
                priors[(word, t)] = alpha
    return priors


def grow_diag_final_and(forward: set[Link], backward: set[Link]) -> set[Link]:
    """Koehn's symmetrisation: start from the intersection, grow into neighbouring union links, then add union
    links whose two words are both still unaligned."""
    union = forward | backward
    links = forward & backward
    src_done = {i for i, _ in links}
    trg_done = {j for _, j in links}
    neighbours = [(-1, 0), (0, -1), (1, 0), (0, 1), (-1, -1), (-1, 1), (1, -1), (1, 1)]
    grew = True
    while grew:
        grew = False
        for i, j in sorted(links):
            for di, dj in neighbours:
                cand = (i + di, j + dj)
                if cand in union and cand not in links and (cand[0] not in src_done or cand[1] not in trg_done):
                    links.add(cand)
                    src_done.add(cand[0])
                    trg_done.add(cand[1])
                    grew = True
    for i, j in sorted(union):
        if (i, j) not in links and i not in src_done and j not in trg_done:
            links.add((i, j))
            src_done.add(i)
            trg_done.add(j)
    return links


def _read_link_lines(path: str) -> list[str]:
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f]


def parse_pharaoh(line: str) -> set[Link]:
    """``"0-0 2-1"`` -> ``{(0, 0), (2, 1)}``: the reverse of :func:`pharaoh`."""
    return {(int(a), int(b)) for a, b in (x.split("-") for x in line.split())}


class Alignments(Sequence):
    """``align_words``'s answer: one :class:`Alignment` per sentence pair, made from eflomal's Pharaoh lines when
    it is asked for.

    A novel's links are some 6,000 beads of four sets of tuples each (about 60 MB as Python objects, all alive
    until the last bead is glossed); as eflomal's two lines per pair they are 2 MB of text. Each pair's sets are
    built when it is read (in order, once, by the glosser) and dropped after it: the same links, the same work
    (the symmetrisation runs once per pair either way), a fraction of the memory. Reading a pair twice builds its
    sets twice."""

    def __init__(self, count: int, kept: list[int], forward: list[str], backward: list[str]):
        # kept[pos] is the pair whose links are line ``pos`` of both files (eflomal only sees non-empty pairs)
        self._count = count
        self._line = {k: pos for pos, k in enumerate(kept) if k < count}
        self._forward, self._backward = forward, backward

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[k] for k in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        pos = self._line.get(index)
        if pos is None:
            return Alignment()  # an empty pair: eflomal never saw it
        f, b = parse_pharaoh(self._forward[pos]), parse_pharaoh(self._backward[pos])
        return Alignment(links=f & b, grown=grow_diag_final_and(f, b), forward=f, backward=b)


def eflomal_binary() -> str:
    """The eflomal program shipped in its wheel (or on PATH)."""
    import eflomal

    shipped = os.path.join(os.path.dirname(eflomal.__file__), "bin", "eflomal")
    found = shipped if os.path.exists(shipped) else shutil.which("eflomal")
    if not found:
        raise RuntimeError("the eflomal program is missing: reinstall the eflomal package")
    return found


def run_eflomal(
    src_lines: list[str], trg_lines: list[str], priors_text: str | None, fwd: str, rev: str, tmp: str, *,
    samplers: int, iterations: float, seed: int | None, model: int = 2,
) -> None:
    """Run eflomal on line-parallel texts, writing Pharaoh links to ``fwd`` and ``rev``.

    The same steps as ``eflomal.Aligner.align`` (its file preparation, its iteration counts), but the program is
    started here so that it gets the seed (``seeding.seeded_environment``).
    """
    import eflomal

    aligner = eflomal.Aligner(model=model, n_samplers=samplers, rel_iterations=iterations)
    src_path, trg_path, priors_path = (os.path.join(tmp, name) for name in ("src", "trg", "priors"))
    with open(src_path, "wb") as srcf, open(trg_path, "wb") as trgf, \
            open(priors_path, "w", encoding="utf-8") as priorsf:
        aligner.prepare_files(io.StringIO("\n".join(src_lines) + "\n"), srcf,
                              io.StringIO("\n".join(trg_lines) + "\n"), trgf,
                              io.StringIO(priors_text) if priors_text else None, priorsf)
    # eflomal's own schedule (eflomal.cython.align): iterations shrink with the square root of the text's size
    iters = max(2, int(round(iterations * 5000 / math.sqrt(len(src_lines)))))
    args = [eflomal_binary(), "-m", str(model), "-s", src_path, "-t", trg_path, "-n", str(samplers),
            "-N", "0.2", "-1", str(max(2, iters // 4)), "-2", str(iters), "-q", "-f", fwd, "-r", rev]
    if priors_text:
        args += ["-p", priors_path]
    env = seeded_environment(seed) if seed is not None else None
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"eflomal failed ({done.returncode}): {done.stderr.strip()[-300:]}")


def align_words(
    source: list[list[str]], target: list[list[str]], *, source_lang: str = "fr", target_lang: str = "en",
    use_lexicon: bool = True, lemmatise: bool = True, extra: Iterable[tuple[list[str], list[str]]] = (),
    iterations: float = 1.0, samplers: int = SAMPLERS, seed: int | None = DEFAULT_SEED,
) -> Alignments:
    """Word-align each (source, target) token list pair; returns one Alignment per pair, in order (made as each
    is read: :class:`Alignments`).

    ``lemmatise``: align lowercase simplemma lemmas of the tokens (pass tokens already lemmatised with False).
    ``extra``: more sentence pairs (e.g. another book) to train on; they are aligned too but not returned.
    Empty pairs get empty alignments. eflomal samples with ``seed`` (``bireader.gloss.seeding``): the same input
    gives the same links; ``seed=None`` samples at random as eflomal does on its own.
    """
    if len(source) != len(target):
        raise ValueError(f"{len(source)} source sentences but {len(target)} target sentences")
    src_lemma, trg_lemma = _lemmatiser(source_lang), _lemmatiser(target_lang)

    def words(tokens: list[str], lemma) -> list[str]:
        out = []
        for t in tokens:
            w = t.lower().replace("’", "'").replace(" ", "_") or "_"
            out.append(lemma(w) if lemmatise else intern(w))  # one string per distinct word, not per token
        return out

    pairs = [(words(s, src_lemma), words(t, trg_lemma)) for s, t in zip(source, target)]
    pairs += [(words(s, src_lemma), words(t, trg_lemma)) for s, t in extra]
    count = len(source)
    del source, target  # a caller's temporary lists (the glosser's: a novel's words) go now, not after eflomal
    # eflomal rejects empty sentences: align the non-empty pairs only
    keep = [k for k, (s, t) in enumerate(pairs) if s and t]
    if not keep:
        return Alignments(count, [], [], [])
    src_lines = [" ".join(pairs[k][0]) for k in keep]
    trg_lines = [" ".join(pairs[k][1]) for k in keep]
    priors_text = None
    if use_lexicon:
        priors = lexical_priors([pairs[k][0] for k in keep], [pairs[k][1] for k in keep], source_lang, target_lang)
        # sorted: the same file whatever the process's string hashing (PYTHONHASHSEED)
        priors_text = "".join(f"LEX\t{a}\t{b}\t{v:g}\n" for (a, b), v in sorted(priors.items()))
        del priors
    del pairs  # eflomal's inputs are its lines now: a novel's words as lists, freed before eflomal's long run
    # model 2 (HMM, no fertility): as accurate as model 3 here and twice as fast (docs/gloss.md)
    with tempfile.TemporaryDirectory(prefix="bireader-wordalign-") as tmp:
        fwd, rev = os.path.join(tmp, "fwd"), os.path.join(tmp, "rev")
        run_eflomal(src_lines, trg_lines, priors_text, fwd, rev, tmp, samplers=samplers, iterations=iterations,
                    seed=seed)
        forward, backward = _read_link_lines(fwd), _read_link_lines(rev)
    return Alignments(count, keep, forward, backward)


def pharaoh(links: set[Link]) -> str:
    """``{(0, 0), (2, 1)}`` -> ``"0-0 2-1"`` (sorted)."""
    return " ".join(f"{i}-{j}" for i, j in sorted(links))
