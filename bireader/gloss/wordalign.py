"""Word alignment inside aligned sentence pairs, trained on the text itself with the dictionary as a prior.

The problem: to highlight the English words that render a French word, we need word links inside each bead, and
a single book is far too little text for a statistical aligner to learn French from scratch. So we train eflomal
(Östling & Tiedemann 2016: a Bayesian HMM aligner sampled with Gibbs, fast C code) on the book's own sentence
pairs, with lowercase lemmas as words (one book has few forms of each verb, but many of its lemma), and give it a
*lexical prior*: each French/English lemma pair that co-occurs in a sentence pair and that our lexicon lists as a
translation, or that share their first five letters (cognates: ``déclaration``/``declaration``), gets
pseudo-counts, so that ``maison``/``house`` is linked from the first sentence on. Pairs that eflomal linked
again and again in other books (a shipped table, ``data/word_pairs.fr-en.tsv.gz``, made by
``bireader.gloss.build_pairs``) get pseudo-counts too, for each sentence pair that holds both: what more
training text would teach, without aligning that text at every import.

We align in both directions and keep the intersection (precise, one-to-one) and the grow-diag-final-and union
(more links, phrases): ``Alignment.links`` is the first, ``Alignment.grown`` the second, to which a French
negation's unlinked half adds its other half's links (``ne ... pas`` -> "not": :func:`negation_links`).

    >>> a = align_words([["le", "chat", "dormir"]], [["the", "cat", "sleep"]])[0]
    >>> sorted(a.links)
    [(0, 0), (1, 1), (2, 2)]

Links are Pharaoh pairs ``(i, j)``: i indexes the French sentence's tokens, j the English one's.
"""

from __future__ import annotations

import gzip
import io
import math
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from sys import intern

from bireader.lexicon import Lexicon, english_words, load_lexicon
from bireader.gloss.seeding import DEFAULT_SEED, seeded_environment
from bireader.lexicon.lookup import spelling_key, spelling_variants, variant_senses

SAMPLERS = 1  # eflomal samplers whose counts are combined (docs/gloss.md measures 1 against more)
PRIOR_ALPHA = 5.0  # pseudo-counts per dictionary pair seen in a sentence pair (5 measured best of 1, 5: docs/gloss.md)
# pseudo-counts per pair of the shipped word-pair table (bireader/gloss/data/word_pairs.*) seen in a sentence pair:
# 2 against 1 and 3 measured (docs/gloss.md)
PAIR_PRIOR = 2.0
DATA = Path(__file__).resolve().parent / "data"


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


def pairs_path(source_lang: str, target_lang: str) -> Path:
    return DATA / f"word_pairs.{source_lang}-{target_lang}.tsv.gz"


@lru_cache(maxsize=4)
def word_pairs(source_lang: str, target_lang: str) -> dict[str, frozenset[str]]:
    """The shipped table of lemma pairs that eflomal linked again and again in other books
    (``bireader.gloss.build_pairs``): source lemma -> target lemmas. Empty for a language pair without one."""
    path = pairs_path(source_lang, target_lang)
    if not path.exists():
        return {}
    table: dict[str, set[str]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            a, b = line.split("\t", 2)[:2]
            table.setdefault(a, set()).add(b)
    return {a: frozenset(bs) for a, bs in table.items()}


@lru_cache(maxsize=4)
def _table_targets(source_lang: str, target_lang: str) -> frozenset[str]:
    return frozenset().union(*word_pairs(source_lang, target_lang).values())


def lexical_priors(
    source: list[list[str]], target: list[list[str]], source_lang: str = "fr", target_lang: str = "en",
    alpha: float = PRIOR_ALPHA, pairs: bool = True,
) -> dict[tuple[str, str], float]:
    """Prior pseudo-counts for word pairs that co-occur in a sentence pair and are dictionary translations.

    Identical words (names, numbers) get the prior too, and so do words that share their first five letters,
    accents aside (cognates the dictionary may lack: ``stabiliser``/``stabilize``; ALIBI intersection AER
    0.076 -> 0.073, the mean of three seeds). With ``pairs``, a pair of the shipped table of pairs linked in
    other books (:func:`word_pairs`, matched on the words or their simplemma lemmas) gets ``PAIR_PRIOR`` more for
    each sentence pair that holds both:
    what training on those books would teach, for the cost of a lookup (ALIBI intersection AER 0.073 -> 0.0645,
    the mean of three seeds).
    """
    targets = _dictionary_targets(source_lang, target_lang)
    table = word_pairs(source_lang, target_lang) if pairs else {}
    table_targets = _table_targets(source_lang, target_lang) if pairs else frozenset()
    src_lemma, trg_lemma = _lemmatiser(source_lang), _lemmatiser(target_lang)
    priors: dict[tuple[str, str], float] = {}
    seen: dict[tuple[str, str], int] = {}  # table pair -> sentence pairs holding both words
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
        if table:
            # a word is looked up as itself, or as its simplemma lemma when the table lacks it (the table's words
            # are simplemma lemmas; an importer's are the NLP engine's)
            by_lemma: dict[str, list[str]] = {}
            for t in trg_words:
                by_lemma.setdefault(t if t in table_targets else trg_lemma(t), []).append(t)
            for word in set(src):
                known = table.get(word) or table.get(src_lemma(word))
                if not known:
                    continue
                for key in known & by_lemma.keys():
                    for t in by_lemma[key]:
                        seen[(word, t)] = seen.get((word, t), 0) + 1
    # the table's pairs count once per sentence pair that holds both, as eflomal's counts do (a fixed value per
    # pair measured worse: AER 0.067 against 0.063)
    for pair, n in seen.items():
        priors[pair] = priors.get(pair, 0.0) + PAIR_PRIOR * n
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


# French negation: "ne" and the word that completes it ("pas", "jamais", "rien"...) render one English negation
# together ("ne ... pas" -> "not"), but a one-to-one aligner gives "not" to one of them only
NEGATION_HEAD = frozenset({"ne", "n'"})
NEGATION_PARTNERS = frozenset(
    "pas point plus jamais rien personne guère aucun aucune nul nulle nullement ni".split()
)
NEGATION_SPAN = 8  # "ne" and its partner: at most this many tokens apart (a verb, pronouns, an auxiliary between)


def negations(words: list[str]) -> list[tuple[int, int]]:
    """The (``ne``, partner) token pairs of a French sentence's words: the partner is the first ``pas``,
    ``jamais``, ``rien``... at most ``NEGATION_SPAN`` tokens after ``ne``, before another ``ne``."""
    out = []
    for i, w in enumerate(words):
        if w not in NEGATION_HEAD:
            continue
        partner = next((k for k in range(i + 1, min(len(words), i + 1 + NEGATION_SPAN))
                        if words[k] in NEGATION_PARTNERS or words[k] in NEGATION_HEAD), None)
        if partner is not None and words[partner] not in NEGATION_HEAD:
            out.append((i, partner))
    return out


def negation_links(words: list[str] | list[tuple[int, int]], links: set[Link]) -> set[Link]:
    """The links ``links`` lacks for a French negation: a "ne" linked nowhere gets the links of the partner that
    completes it ("ne ... pas" -> "not"), and a partner linked nowhere those of its "ne" (ALIBI's gold links the
    two alike 98 times out of the 109 where both are linked). ``words``: the sentence's words, or its
    :func:`negations` already found."""
    pairs = negations(words) if words and isinstance(words[0], str) else words
    linked: dict[int, set[int]] = {}
    for i, j in links:
        linked.setdefault(i, set()).add(j)
    out: set[Link] = set()
    for i, partner in pairs:
        if i not in linked and partner in linked:
            out |= {(i, j) for j in linked[partner]}
        elif partner not in linked and i in linked:
            out |= {(partner, j) for j in linked[i]}
    return out


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

    def __init__(self, count: int, kept: list[int], forward: list[str], backward: list[str],
                 negations: dict[int, list[tuple[int, int]]] | None = None):
        # kept[pos] is the pair whose links are line ``pos`` of both files (eflomal only sees non-empty pairs)
        self._count = count
        self._line = {k: pos for pos, k in enumerate(kept) if k < count}
        self._forward, self._backward = forward, backward
        self._negations = negations or {}  # pair -> its French negations (:func:`negations`), where it has any

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
        grown = grow_diag_final_and(f, b)
        if index in self._negations:
            # the negation's missing half joins the grown links only: the intersection stays eflomal's one-to-one
            # links (adding it there too measured the same: docs/gloss.md)
            grown |= negation_links(self._negations[index], grown)
        return Alignment(links=f & b, grown=grown, forward=f, backward=b)


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
    iterations: float = 1.0, samplers: int = SAMPLERS, seed: int | None = DEFAULT_SEED, pair_table: bool = True,
) -> Alignments:
    """Word-align each (source, target) token list pair; returns one Alignment per pair, in order (made as each
    is read: :class:`Alignments`).

    ``lemmatise``: align lowercase simplemma lemmas of the tokens (pass tokens already lemmatised with False).
    ``extra``: more sentence pairs (e.g. another book) to train on; they are aligned too but not returned.
    ``pair_table``: with the lexicon, the shipped table of pairs linked in other books as a prior too
    (:func:`lexical_priors`). Empty pairs get empty alignments. eflomal samples with ``seed`` (``bireader.gloss.seeding``): the same input
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
        priors = lexical_priors([pairs[k][0] for k in keep], [pairs[k][1] for k in keep], source_lang, target_lang,
                                pairs=pair_table)
        # sorted: the same file whatever the process's string hashing (PYTHONHASHSEED)
        priors_text = "".join(f"LEX\t{a}\t{b}\t{v:g}\n" for (a, b), v in sorted(priors.items()))
        del priors
    found = {k: n for k in range(count) if (n := negations(pairs[k][0]))} if source_lang == "fr" else {}
    del pairs  # eflomal's inputs are its lines now: a novel's words as lists, freed before eflomal's long run
    # model 2 (HMM, no fertility): as accurate as model 3 here and twice as fast (docs/gloss.md)
    with tempfile.TemporaryDirectory(prefix="bireader-wordalign-") as tmp:
        fwd, rev = os.path.join(tmp, "fwd"), os.path.join(tmp, "rev")
        run_eflomal(src_lines, trg_lines, priors_text, fwd, rev, tmp, samplers=samplers, iterations=iterations,
                    seed=seed)
        forward, backward = _read_link_lines(fwd), _read_link_lines(rev)
    return Alignments(count, keep, forward, backward, found)


def pharaoh(links: set[Link]) -> str:
    """``{(0, 0), (2, 1)}`` -> ``"0-0 2-1"`` (sorted)."""
    return " ".join(f"{i}-{j}" for i, j in sorted(links))
