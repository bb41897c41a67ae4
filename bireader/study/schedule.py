"""When a card comes back: the FSRS algorithm, by the ``fsrs`` package (py-fsrs, the algorithm's reference
implementation in Python), and the day's summary from the reviews. Pure: times in, times out.

    >>> state = new_card_state(datetime(2026, 12, 1, 9, tzinfo=timezone.utc))
    >>> state, due = review(state, GOOD, datetime(2026, 12, 1, 9, tzinfo=timezone.utc), scheduler(fuzz=False))
    >>> due - datetime(2026, 12, 1, 9, tzinfo=timezone.utc)          # FSRS's second learning step
    datetime.timedelta(seconds=600)

A card's state is the dictionary ``fsrs.Card.to_dict()`` gives (stored as JSON); ratings are FSRS's four,
1 Again, 2 Hard, 3 Good, 4 Easy. Nothing of the algorithm is written here: its parameters are the package's
defaults, with the desired retention 0.9 and interval fuzzing on (off in tests, to compare with the library).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Iterable

from fsrs import Card, Rating, Scheduler, State

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
RATING_NAMES = {AGAIN: "Again", HARD: "Hard", GOOD: "Good", EASY: "Easy"}
STATE_NAMES = {State.Learning: "learning", State.Review: "review", State.Relearning: "relearning"}


def scheduler(desired_retention: float = 0.9, fuzz: bool = True) -> Scheduler:
    """FSRS with its default parameters."""
    return Scheduler(desired_retention=desired_retention, enable_fuzzing=fuzz)


def utc(moment: datetime) -> datetime:
    """``moment`` as an aware UTC datetime (SQLite gives naive datetimes back; fsrs wants ``timezone.utc``)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def new_card_state(now: datetime) -> dict:
    """A card never reviewed, due at ``now``."""
    return Card(card_id=1, due=utc(now)).to_dict()


def state_name(state: dict, reviews: int) -> str:
    """new | learning | review | relearning."""
    return "new" if reviews == 0 else STATE_NAMES[State(state["state"])]


def review(state: dict, rating: int, now: datetime, fsrs: Scheduler) -> tuple[dict, datetime]:
    """The card's state after ``rating`` at ``now``, and when it is due next."""
    if rating not in RATING_NAMES:
        raise ValueError(f"rating must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy), not {rating!r}")
    card, _log = fsrs.review_card(Card.from_dict(state), Rating(rating), review_datetime=utc(now))
    return card.to_dict(), utc(card.due)


@dataclass
class Summary:
    """The learner's day: cards due by its end, reviews done, and how many of them were recalled."""

    due_today: int
    reviewed: int
    recalled: int  # reviews rated Hard, Good or Easy
    new_today: int  # first reviews of new cards
    mature_reviewed: int  # reviews of cards past learning (FSRS's Review state): what retention is about
    mature_recalled: int

    @property
    def retention(self) -> float | None:
        """Share of today's reviews of cards past learning that were recalled (None before any)."""
        return self.mature_recalled / self.mature_reviewed if self.mature_reviewed else None

    @property
    def recall_rate(self) -> float | None:
        """Share of all today's reviews that were recalled (learning steps included)."""
        return self.recalled / self.reviewed if self.reviewed else None


def summarise(due_today: int, reviews: Iterable[tuple[int, str]]) -> Summary:
    """The summary from today's reviews, each ``(rating, state_before)``."""
    reviews = list(reviews)
    mature = [r for r, state in reviews if state == "review"]
    return Summary(
        due_today=due_today, reviewed=len(reviews), recalled=sum(r != AGAIN for r, _ in reviews),
        new_today=sum(state == "new" for _, state in reviews),
        mature_reviewed=len(mature), mature_recalled=sum(r != AGAIN for r in mature),
    )


def next_intervals(state: dict, now: datetime, fsrs: Scheduler) -> dict[int, timedelta]:
    """How long until the card comes back after each rating (without fuzz: what the buttons announce)."""
    plain = Scheduler(parameters=fsrs.parameters, desired_retention=fsrs.desired_retention,
                      learning_steps=fsrs.learning_steps, relearning_steps=fsrs.relearning_steps,
                      maximum_interval=fsrs.maximum_interval, enable_fuzzing=False)
    return {rating: review(state, rating, now, plain)[1] - utc(now) for rating in RATING_NAMES}


def interval_text(delta: timedelta) -> str:
    """A short human duration: "1 min", "10 min", "3 h", "4 d", "2.5 mo", "1.2 y"."""
    seconds = delta.total_seconds()
    if seconds < 3600:
        return f"{max(1, round(seconds / 60))} min"
    if seconds < 86400:
        return f"{round(seconds / 3600)} h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)} d"
    if days < 365:
        return f"{days / 30:.1f} mo".replace(".0 ", " ")
    return f"{days / 365:.1f} y".replace(".0 ", " ")
