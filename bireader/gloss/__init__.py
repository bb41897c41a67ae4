"""Vocabulary glossing: word alignment inside aligned beads, in-context glosses, frequency bands.

- ``wordalign``: eflomal trained on the text itself, the lexicon as a prior (``align_words``).
- ``glosses``: ``gloss_bitext`` (dictionary + the words of this translation), ``gloss_monolingual``, ``needs_gloss``.
- ``frequency``: wordfreq ranks per lemma and frequency bands.
- ``analysis``: a small stand-in tokenizer/lemmatiser for pre-tokenised input and tests.
- ``commands``: ``bireader wordalign``.

Measured in docs/gloss.md (``python -m bench.gloss``).
"""

from bireader.gloss.frequency import BANDS, band, lemma_rank
from bireader.gloss.glosses import (
    TokenGloss, gloss_bitext, gloss_monolingual, monolingual_glosses, needs_gloss, sentence_pairs,
)
from bireader.gloss.wordalign import Alignment, align_words, pharaoh

__all__ = [
    "Alignment", "BANDS", "TokenGloss", "align_words", "band", "gloss_bitext", "gloss_monolingual",
    "lemma_rank", "monolingual_glosses", "needs_gloss", "pharaoh", "sentence_pairs",
]
