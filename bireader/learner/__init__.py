"""The learner: who is reading, which words they know, where they stopped, which words need a gloss for them.

Until accounts arrive a learner is a row identified by a random token in a cookie (the web layer sets it);
everything here takes that row, so accounts can later own learners without changing this package.

- :mod:`bireader.learner.models`: the tables (learners, word statuses, reading positions).
- :mod:`bireader.learner.service`: read and write them (a SQLAlchemy session in, plain values out).
- :mod:`bireader.learner.glossing`: pure decisions: the key of a word, whether it needs a gloss.
- :mod:`bireader.learner.vocabulary`: pure: a text's or page's words to learn, with context sentences.
"""
