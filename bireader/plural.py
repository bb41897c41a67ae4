"""A count and its noun in words, for every message and page: ``plural(1, "page")`` is ``"1 page"``."""


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """``1 page``, ``13 pages``, ``1 fr sentence``; ``plural_form`` for nouns that do not take an s."""
    return f"{count} {noun if count == 1 else plural_form or noun + 's'}"
