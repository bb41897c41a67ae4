"""The file formats an import reads, listed once: the import form's ``accept`` attribute, its wording and the
hint shown after a file that could not be read all come from :data:`ACCEPTED`.

    >>> accepted_sentence()
    'plain text (.txt)'

A reader for another format adds its extensions here, with the name a teacher knows it by.
"""

from __future__ import annotations

# extension -> what a teacher calls it (in the order the form lists them)
ACCEPTED: dict[str, str] = {
    ".txt": "plain text",
}

# what to do with a file in any other format
CONVERT_HINT = "save or export it as plain text (UTF-8) from the program that made it, then import that file"


def accept_attribute() -> str:
    """The ``accept`` attribute of a file input: ``".txt,text/plain"``."""
    extensions = list(ACCEPTED)
    return ",".join(extensions + (["text/plain"] if ".txt" in ACCEPTED else []))


def accepted_sentence() -> str:
    """The accepted formats in words, each with its extensions: ``"plain text (.txt)"``."""
    names: dict[str, list[str]] = {}
    for extension, name in ACCEPTED.items():
        names.setdefault(name, []).append(extension)
    parts = [f"{name} ({', '.join(extensions)})" for name, extensions in names.items()]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " or " + parts[-1]
