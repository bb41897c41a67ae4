"""Benchmarks: ``python -m bench.<name>`` from the repository root; each writes its figures into docs/.

The evaluation data and corpus live in ``../shared`` beside the checkout (``BIREADER_SHARED`` overrides it).
"""

import os
from pathlib import Path

SHARED = Path(os.environ.get("BIREADER_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def write_block(doc: Path, start: str, end: str, body: str) -> None:
    """Put ``body`` between the marker lines ``start`` and ``end`` of ``doc`` (a docs page), replacing what stood
    there; a page without the markers gets them appended. Every benchmark writes its figures this way."""
    text = doc.read_text(encoding="utf-8") if doc.exists() else ""
    if start in text and end in text:
        head, rest = text.split(start, 1)
        tail = rest.split(end, 1)[1]
    else:
        head, tail = text + ("\n" if text else ""), "\n"
    doc.write_text(f"{head}{start}\n{body}{end}{tail}", encoding="utf-8")
