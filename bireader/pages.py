"""Cut a text into reader pages that fit a screen.

A page is a run of beads whose text adds up to about ``budget`` characters (on the longer side). Pages break
where a paragraph starts, so that a page never opens mid-paragraph unless one paragraph alone is longer than
a page and a half; a section heading always starts a new page once the current one is a third full.

    >>> paginate([(400, True, False)] * 10, budget=1000)
    [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
"""

from __future__ import annotations

DEFAULT_BUDGET = 2400


def paginate(beads: list[tuple[int, bool, bool]], budget: int = DEFAULT_BUDGET) -> list[int]:
    """Page numbers (from 1) for beads given as ``(characters, starts_paragraph, starts_section)``."""
    pages: list[int] = []
    page, filled = 1, 0
    for size, starts_paragraph, starts_section in beads:
        if filled:
            full = filled + size > budget and (starts_paragraph or filled + size > budget * 1.5)
            new_section = starts_section and filled > budget / 3
            if full or new_section:
                page, filled = page + 1, 0
        pages.append(page)
        filled += size
    return pages
