"""The classroom: classes and their join codes, publishing texts, and what learners did while reading.

``service`` answers who may see which text, records the reader's batched lookups and reveals, and computes a
class page's statistics; ``bireader.web.classroom`` is its thin web shell.
"""
