"""wordfreq's frequency tables held compactly (bireader/word_frequency.py) give the same answers."""

import subprocess
import sys

import pytest

from bireader.word_frequency import CompactFrequencies


def test_every_listed_word_and_some_unlisted_ones_get_the_same_frequency_as_from_wordfreqs_dict():
    # in a child process: the replacement is process-wide and must not leak into other tests' wordfreq
    script = """
import wordfreq
from bireader.word_frequency import compact_frequency_tables
before = {lang: dict(wordfreq.get_frequency_dict(lang)) for lang in ("fr", "en")}
probes = ["maison", "gentilhomm", "tenderly", "entomological", "l'homme", "1984", "xqzxqz", "", "Œuvre",
          "aujourd'hui", "porphyry", "banalité", "n't"]
zipf_before = {(w, lang): wordfreq.zipf_frequency(w, lang) for w in probes for lang in ("fr", "en")}
wordfreq.get_frequency_dict.cache_clear()
wordfreq._wf_cache.clear()
assert compact_frequency_tables() and compact_frequency_tables()
for lang, table in before.items():
    compact = wordfreq.get_frequency_dict(lang)
    assert type(compact).__name__ == "CompactFrequencies" and len(compact) == len(table) > 300_000
    assert all(compact[w] == f for w, f in table.items())
    assert "xqzxqz" not in compact and compact.get("xqzxqz") is None
for (w, lang), z in zipf_before.items():
    assert wordfreq.zipf_frequency(w, lang) == z, (w, lang)
assert wordfreq.top_n_list("fr", 3) == ["de", "la", "le"]
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]


def test_a_word_listed_twice_keeps_its_last_band():
    table = CompactFrequencies([["le", "chat"], ["chien"], ["chat"]], lambda cb: 10 ** (cb / 100))
    assert len(table) == 3
    assert table["chat"] == 10 ** (-2 / 100) and table["le"] == 1.0 and table["chien"] == 10 ** (-1 / 100)
    with pytest.raises(KeyError):
        table["souris"]
