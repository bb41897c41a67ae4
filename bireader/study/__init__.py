"""Study what you read: the words a learner marked *learning* become cards reviewed in the app, on FSRS's schedule.

- :mod:`bireader.study.models`: the tables (a card per learner and word, its reviews, the learner's card mode).
- :mod:`bireader.study.schedule`: pure: FSRS through the ``fsrs`` package (ratings, the next due date), and the
  day's summary from the reviews.
- :mod:`bireader.study.cards`: pure: where a word is met in a text's beads, and the two faces of its card (the
  sentence with the word blanked or highlighted, the translation as a hint; the word, lemma, rendering, senses).
- :mod:`bireader.study.service`: read and write them (a SQLAlchemy session in, plain values out).

The web shell is :mod:`bireader.web.study`; the Anki package of the same words is :mod:`bireader.export.apkg`.
"""
