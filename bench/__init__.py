"""Benchmarks: ``python -m bench.<name>`` from the repository root; each writes its figures into docs/.

The evaluation data and corpus live in ``../shared`` beside the checkout (``BIREADER_SHARED`` overrides it).
"""

import os
from pathlib import Path

SHARED = Path(os.environ.get("BIREADER_SHARED", Path(__file__).resolve().parents[2] / "shared"))
