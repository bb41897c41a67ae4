"""SubRip (.srt) and WebVTT (.vtt) subtitles to blocks: one paragraph a cue, its timing kept.

    1
    00:00:01,000 --> 00:00:03,500
    <i>Bonjour,</i> monsieur.          ->  Block("paragraph", "Bonjour, monsieur.", timing=(1.0, 3.5))

The sentences of a cue carry the cue's ``(start, end)`` in seconds (``Sentence.timing``), for a reader that plays
the film one day. Cue numbers, WebVTT headers, ``NOTE``/``STYLE``/``REGION`` blocks, cue settings
(``align:start``), formatting tags (``<i>``, ``<c.yellow>``, ``<v Speaker>``, ``{\\an8}``) and inline timestamps are
dropped; entities (``&amp;``) decoded. Both formats are a few lines of regular expressions, so no library is needed
(pysrt and webvtt-py parse the same structure and would add a dependency for two regular expressions).
"""

from __future__ import annotations

import html
import re

from bireader.ingest.structure import Block, Extracted

_TIME = r"(?:(\d{1,3}):)?(\d{1,2}):(\d{2})[,.](\d{1,3})"
_TIMING = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}")
_TAG = re.compile(r"<[^>]*>|\{\\[^}]*\}")


def _seconds(hours, minutes, seconds, fraction) -> float:
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(fraction.ljust(3, "0")) / 1000


def read_subtitles(text: str) -> Extracted:
    extracted = Extracted()
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    for chunk in re.split(r"\n[ \t]*\n", text):
        lines = chunk.strip("\n").split("\n")
        timing_at = next((k for k, line in enumerate(lines[:3]) if _TIMING.match(line)), None)
        if timing_at is None:
            continue  # the WEBVTT header, NOTE, STYLE and REGION blocks, stray numbers
        match = _TIMING.match(lines[timing_at])
        start, end = _seconds(*match.groups()[:4]), _seconds(*match.groups()[4:])
        cue = " ".join(html.unescape(_TAG.sub("", line)).strip() for line in lines[timing_at + 1:])
        cue = " ".join(cue.split())
        if cue:
            extracted.blocks.append(Block("paragraph", cue, timing=(start, end)))
    return extracted
