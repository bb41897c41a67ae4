"""Fix an alignment by hand: merge, split, move and detach beads without ever losing or reordering a sentence.

A text's alignment is a list of beads, each pairing a run of French (source) sentences with a run of English
(target) sentences. Read in order, the beads cover every sentence of both sides exactly once::

    FR  0 1 | 2     | 3 |   | 4
    EN  0   | 1 2   |   | 3 | 4          beads [0,1]:[0]  [2]:[1,2]  [3]:[]  []:[3]  [4]:[4]

Because coverage is kept, a bead is fully described by how many sentences it takes on each side; where it starts
follows from the beads before it. Every operation here therefore changes *counts* only and re-derives the starts,
so the result covers both sides in order by construction (and :func:`check_coverage` proves it).

The operations a teacher needs to repair what the aligner got wrong:

* :func:`merge` a bead with the next one (``[3]:[]`` + ``[]:[3]`` -> ``[3]:[3]``);
* :func:`split` a bead in two after a given number of sentences on each side;
* :func:`move_sentence`: move the boundary between two neighbours by one sentence on one side (a bead gives its
  first sentence to the previous bead, or its last to the next);
* :func:`detach` the first or last sentence of one side into a bead of its own with nothing opposite;
* :func:`confirm` a bead that is right as it is.

A bead with one side empty (a *null bead*) always holds one sentence, as :func:`bireader.store.library.split_null_beads`
stores them: a long unpaired stretch is then several beads that pages can break between. Beads an operation produces
or changes are marked ``edited`` with confidence 1.0 (a teacher vouched for them); the others are left as they were.
Impossible operations raise :class:`ValueError` with a message meant for the teacher.

Everything here works on plain tuples: no database, no Flask.
"""

from __future__ import annotations

from typing import NamedTuple

SIDES = ("source", "target")


class EditBead(NamedTuple):
    """One bead as the editor sees it: where its sentences start and how many there are on each side."""

    source_start: int
    source_count: int
    target_start: int
    target_count: int
    confidence: float = 1.0
    edited: bool = False

    def count(self, side: str) -> int:
        return self.source_count if side == "source" else self.target_count

    def start(self, side: str) -> int:
        return self.source_start if side == "source" else self.target_start

    @property
    def size(self) -> int:
        return self.source_count + self.target_count

    def __str__(self) -> str:
        src = ",".join(map(str, range(self.source_start, self.source_start + self.source_count)))
        tgt = ",".join(map(str, range(self.target_start, self.target_start + self.target_count)))
        return f"[{src}]:[{tgt}]"


def _side(side: str) -> str:
    if side not in SIDES:
        raise ValueError(f"unknown side {side!r}: use 'source' (French) or 'target' (English)")
    return side


def _bead(beads: list[EditBead], index: int) -> EditBead:
    if not 0 <= index < len(beads):
        raise ValueError(f"there is no bead {index} (the text has {len(beads)} beads)")
    return beads[index]


def _edited(source_count: int, target_count: int) -> EditBead:
    """A bead the teacher made; starts are filled in by :func:`_renumber`."""
    return EditBead(0, source_count, 0, target_count, 1.0, True)


def _split_null(bead: EditBead) -> list[EditBead]:
    """One bead per sentence when a side is empty (see the module docstring)."""
    if (bead.source_count and bead.target_count) or bead.size <= 1:
        return [bead]
    return [bead._replace(source_count=1 if bead.source_count else 0, target_count=1 if bead.target_count else 0)
            for _ in range(bead.size)]


def _renumber(beads: list[EditBead]) -> list[EditBead]:
    """Drop empty beads, split multi-sentence null beads and recompute every start from the counts."""
    result = []
    source = target = 0
    for bead in beads:
        for part in _split_null(bead):
            if part.size == 0:
                continue
            result.append(part._replace(source_start=source, target_start=target))
            source += part.source_count
            target += part.target_count
    return result


def check_coverage(beads: list[EditBead], n_source: int, n_target: int) -> None:
    """Raise ValueError unless ``beads`` cover sentences 0..n-1 of each side exactly once, in order, with no empty
    bead (an empty side's start must be where the next sentence of that side is)."""
    source = target = 0
    for n, bead in enumerate(beads):
        if bead.size == 0:
            raise ValueError(f"bead {n} holds no sentence")
        if bead.source_count < 0 or bead.target_count < 0:
            raise ValueError(f"bead {n} has a negative count")
        if bead.source_start != source or bead.target_start != target:
            raise ValueError(f"bead {n} {bead} does not start where bead {n - 1} ends "
                             f"(source {source}, target {target})")
        source += bead.source_count
        target += bead.target_count
    if (source, target) != (n_source, n_target):
        raise ValueError(f"beads cover {source} source and {target} target sentences, "
                         f"the text has {n_source} and {n_target}")


def merge(beads: list[EditBead], index: int) -> list[EditBead]:
    """Bead ``index`` and the next one become a single bead."""
    bead = _bead(beads, index)
    if index + 1 >= len(beads):
        raise ValueError("the last bead has no next bead to merge with")
    following = beads[index + 1]
    if (bead.source_count + following.source_count == 0) or (bead.target_count + following.target_count == 0):
        empty = "French" if bead.source_count + following.source_count == 0 else "English"
        raise ValueError(f"beads {index} and {index + 1} both have no {empty} sentence: merged they would still pair "
                         "nothing, so they stay one sentence each")
    merged = _edited(bead.source_count + following.source_count, bead.target_count + following.target_count)
    return _renumber([*beads[:index], merged, *beads[index + 2:]])


def split(beads: list[EditBead], index: int, source_count: int, target_count: int) -> list[EditBead]:
    """Bead ``index`` becomes two: the first keeps its first ``source_count`` French and ``target_count`` English
    sentences, the second the rest. A part left with one side empty is stored one sentence per bead."""
    bead = _bead(beads, index)
    if not 0 <= source_count <= bead.source_count:
        raise ValueError(f"bead {index} has {bead.source_count} French sentences: "
                         f"cannot keep {source_count} in the first part")
    if not 0 <= target_count <= bead.target_count:
        raise ValueError(f"bead {index} has {bead.target_count} English sentences: "
                         f"cannot keep {target_count} in the first part")
    rest = (bead.source_count - source_count, bead.target_count - target_count)
    if source_count + target_count == 0 or sum(rest) == 0:
        raise ValueError(f"splitting bead {index} after {source_count} French and {target_count} English sentences "
                         "leaves one part empty: keep at least one sentence on each part")
    parts = [_edited(source_count, target_count), _edited(*rest)]
    return _renumber([*beads[:index], *parts, *beads[index + 1:]])


def move_sentence(beads: list[EditBead], index: int, side: str, to: str) -> list[EditBead]:
    """Bead ``index`` gives one sentence of ``side`` to a neighbour: its first to the previous bead (``to="previous"``)
    or its last to the next bead (``to="next"``). A bead left with no sentence disappears."""
    _side(side)
    bead = _bead(beads, index)
    if to not in ("previous", "next"):
        raise ValueError(f"unknown direction {to!r}: use 'previous' or 'next'")
    lang = "French" if side == "source" else "English"
    if bead.count(side) == 0:
        raise ValueError(f"bead {index} has no {lang} sentence to give")
    other = index - 1 if to == "previous" else index + 1
    if not 0 <= other < len(beads):
        raise ValueError(f"bead {index} has no {to} bead to give a sentence to")
    neighbour = beads[other]

    def shifted(b: EditBead, delta: int) -> EditBead:
        counts = {"source": b.source_count, "target": b.target_count}
        counts[side] += delta
        return _edited(counts["source"], counts["target"])

    changed = dict(zip((index, other), (shifted(bead, -1), shifted(neighbour, +1))))
    return _renumber([changed.get(n, b) for n, b in enumerate(beads)])


def detach(beads: list[EditBead], index: int, side: str, position: int) -> list[EditBead]:
    """Sentence ``position`` of ``side`` (its index in the whole side) leaves bead ``index`` for a bead of its own
    with nothing opposite. Only a first or last sentence can leave without reordering the text: to detach one from
    the middle, split the bead first."""
    _side(side)
    bead = _bead(beads, index)
    lang = "French" if side == "source" else "English"
    first, count = bead.start(side), bead.count(side)
    if not first <= position < first + count:
        raise ValueError(f"{lang} sentence {position} is not in bead {index}")
    if bead.size == 1:
        raise ValueError(f"{lang} sentence {position} is already alone in its bead")
    if position not in (first, first + count - 1):
        raise ValueError(f"{lang} sentence {position} is in the middle of bead {index}: split the bead first")
    alone = _edited(1, 0) if side == "source" else _edited(0, 1)
    rest = _edited(bead.source_count - (side == "source"), bead.target_count - (side == "target"))
    parts = [alone, rest] if position == first else [rest, alone]
    return _renumber([*beads[:index], *parts, *beads[index + 1:]])


def confirm(beads: list[EditBead], index: int) -> list[EditBead]:
    """Bead ``index`` is right as it is: confidence 1.0, marked edited, so it leaves the low-confidence list."""
    bead = _bead(beads, index)
    return [*beads[:index], bead._replace(confidence=1.0, edited=True), *beads[index + 1:]]


OPERATIONS = {"merge": merge, "split": split, "move": move_sentence, "detach": detach, "confirm": confirm}
