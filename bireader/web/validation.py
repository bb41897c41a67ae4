"""Input of every write endpoint, declared as pydantic models with their bounds, and one way to turn a bad value
into a 400 with a one-line message.

pydantic (already installed with spaCy, and declared in pyproject.toml) is used rather than hand-written checks:
each field states its type and bounds once, and its error says which field and why. The short text fields reuse
:mod:`bireader.fields`, which the command line uses too.

    >>> Position.model_validate({"slug": "candide", "page": 2, "bead": 10**30})    # doctest: +SKIP
    ValidationError: bead: Input should be less than or equal to 1000000

JSON endpoints (``/api/…``) answer ``{"error": "<one line>"}``; form endpoints show the line on their page.
"""

from __future__ import annotations

from typing import Annotated, Literal, TypeVar

from flask import abort, jsonify, request
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from werkzeug.exceptions import HTTPException

from bireader import fields

MAX_PAGE = 100_000  # max_pages is 1,000 by default; a page number beyond any text is a 404, not a crash
MAX_BEAD = 1_000_000
MAX_LEVEL = 1_000_000

Slug = Annotated[str, AfterValidator(fields.check_slug)]
Word = Annotated[str, Field(max_length=fields.WORD_MAX * 4), AfterValidator(fields.check_word)]
Title = Annotated[str, Field(max_length=fields.TITLE_MAX * 4), AfterValidator(fields.check_title)]
Credits = Annotated[str, Field(max_length=fields.CREDITS_MAX * 4), AfterValidator(fields.check_credits)]
Language = Literal["fr", "en"]


class Input(BaseModel):
    """Unknown fields are ignored (a client may send more than we read); every declared one is checked."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True, frozen=True)


class WordMark(Input):
    lang: Language = "fr"
    lemma: Word
    status: Literal["known", "learning", "ignore", "new", ""] | None = None


class Position(Input):
    slug: Slug
    page: int = Field(1, ge=1, le=MAX_PAGE)
    bead: int = Field(0, ge=0, le=MAX_BEAD)
    create_learner: bool = True  # false: save only for a learner who exists (the reader's save on opening a page)


class LevelForm(Input):
    level: str = Field(max_length=20)

    def rank(self) -> int:
        """The frequency rank the level names (A1 … C2) or is."""
        from bireader.learner.glossing import LEVELS

        if self.level in LEVELS:
            return LEVELS[self.level]
        if self.level.isascii() and self.level.isdigit() and 1 <= int(self.level) <= MAX_LEVEL:
            return int(self.level)
        raise ValueError(f"level must be one of {', '.join(LEVELS)} or a frequency rank from 1 to {MAX_LEVEL:,}")


class ImportForm(Input):
    title: Title = ""
    credits: Credits = ""
    lang: Language | Literal[""] = ""
    replace: Slug | Literal[""] = ""  # the slug of the text to replace; empty: a new text
    confirm_replace: bool = False


class ReviewEdit(Input):
    op: Literal["merge", "split", "move", "detach", "confirm"]
    bead: int = Field(ge=0, le=MAX_BEAD)
    expected: str = Field("", max_length=60, pattern=r"^(\d{1,7},\d{1,7},\d{1,7},\d{1,7})?$")
    side: Literal["source", "target", ""] = ""
    to: Literal["previous", "next", ""] = ""
    position: int = Field(0, ge=0, le=MAX_BEAD)
    source_count: int = Field(0, ge=0, le=MAX_BEAD)
    target_count: int = Field(0, ge=0, le=MAX_BEAD)

    def expected_extent(self) -> tuple[int, int, int, int] | None:
        return tuple(int(x) for x in self.expected.split(",")) if self.expected else None  # type: ignore[return-value]


M = TypeVar("M", bound=BaseModel)


def one_line(error: ValidationError) -> str:
    """The first problem of ``error`` in one line: ``bead: Input should be less than or equal to 1000000``."""
    first = error.errors(include_url=False)[0]
    # a union's member shows in the location ("lang.literal['fr','en']"): the field's name is what a user knows
    where = ".".join(str(part) for part in first["loc"] if not any(c in str(part) for c in "[(")) or "input"
    message = first["msg"].removeprefix("Value error, ")
    return f"{where}: {message}"


def parse(model: type[M], data) -> M:
    """``data`` checked against ``model``; ValueError with a one-line message when it does not fit."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ValueError(one_line(error)) from None


def json_body(model: type[M]) -> M:
    """The request's JSON object checked against ``model``, or a 400 with a one-line reason."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, description="send a JSON object")
    try:
        return parse(model, data)
    except ValueError as error:
        abort(400, description=str(error))


def form_body(model: type[M]) -> M:
    """The request's form checked against ``model``, or a 400 with a one-line reason."""
    try:
        return parse(model, request.form.to_dict())
    except ValueError as error:
        abort(400, description=str(error))


def json_errors(error: HTTPException):
    """Errors of the JSON API as ``{"error": "…"}`` with their status, whatever raised them."""
    if not request.path.startswith("/api/"):
        return error
    response = jsonify({"error": error.description or error.name})
    response.status_code = error.code or 500
    return response
