"""Sentence alignment of a text with its translation: the Bleualign method (Sennrich & Volk 2010/2011), our
own implementation, with full coverage, near-linear time and structural hints. See docs/align.md.

By default no translation system and no neural model runs: French words add their dictionary senses, sentence
pairs are scored by the weighted overlap of those words (Dice), and a length model fills the gaps between the
anchors. Bleualign's BLEU score is an option (``scorer="bleu"``, ``bireader align --scorer bleu``), sentence
embeddings another (``embeddings=True``)."""

from bireader.align.checks import AlignmentWarning
from bireader.align.documents import align_documents
from bireader.align.evaluate import evaluate
from bireader.align.pipeline import align

__all__ = ["align", "align_documents", "evaluate", "AlignmentWarning", "ALIGNER"]

ALIGNER = "bireader.align (Bleualign method: lexicon rendering, anchor chain, banded gap program, iterative pass)"
