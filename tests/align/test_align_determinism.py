"""The same pair of texts gives the same beads in every process, whatever Python's string hashing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

EMMA = Path(__file__).resolve().parents[3] / "shared" / "eval" / "transread_fr-en" / "Emma"


def _beads(hash_seed: str) -> str:
    code = "from bireader.cli import main; main()"
    done = subprocess.run([sys.executable, "-c", code, "align", str(EMMA / "Emma.fr"), str(EMMA / "Emma.en"),
                           "--presegmented", "--format", "beads"], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONHASHSEED": hash_seed})
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.skipif(not EMMA.exists(), reason="the shared transread data is not on this machine")
def test_two_processes_with_different_string_hashing_align_alike():
    # Emma (a free, abridged translation) is where the iterative pass's learnt pairs decide close calls: feature
    # ids that followed frozenset order once gave 0.736 or 0.727 strict F1 by the process's hash seed
    first = _beads("1")
    assert first.count("\n") > 100
    assert _beads("2") == first
    assert _beads("3") == first
