"""Scheduling is FSRS's, by the fsrs package: our wrapper's due dates are the library's own numbers."""

from datetime import datetime, timedelta, timezone

import pytest
from fsrs import Card, Rating, Scheduler, State

from bireader.study.schedule import AGAIN, EASY, GOOD, HARD, new_card_state, review, scheduler, summarise, utc

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)


def test_good_three_times_is_due_later_each_time_by_the_librarys_numbers():
    fsrs = scheduler(fuzz=False)
    state, now, intervals = new_card_state(T0), T0, []
    reference, reference_now = Card(card_id=1, due=T0), T0
    for _ in range(3):
        state, due = review(state, GOOD, now, fsrs)
        reference, _log = Scheduler(enable_fuzzing=False).review_card(reference, Rating.Good, reference_now)
        assert due == reference.due  # the package's schedule, to the second
        intervals.append(due - now)
        now = reference_now = due
    assert intervals[0] < intervals[1] < intervals[2]
    assert intervals[0] == timedelta(minutes=10)  # FSRS's default learning steps: 1 min, 10 min
    assert intervals[1] >= timedelta(days=1)  # graduated: now in days
    assert State(state["state"]) == State.Review


def test_ratings_order_the_next_interval():
    fsrs = scheduler(fuzz=False)
    graduated, due = review(review(new_card_state(T0), GOOD, T0, fsrs)[0], GOOD, T0 + timedelta(minutes=10), fsrs)
    later = {rating: review(graduated, rating, due, fsrs)[1] - due for rating in (AGAIN, HARD, GOOD, EASY)}
    assert later[AGAIN] < later[HARD] < later[GOOD] < later[EASY]
    assert later[AGAIN] == timedelta(minutes=10)  # a lapse relearns in FSRS's relearning step


def test_a_bad_rating_is_refused_and_naive_times_are_utc():
    with pytest.raises(ValueError, match="rating must be"):
        review(new_card_state(T0), 5, T0, scheduler())
    assert utc(datetime(2026, 12, 1, 9)) == T0


def test_summary_counts_recalls_and_retention_over_cards_past_learning():
    s = summarise(7, [(GOOD, "new"), (AGAIN, "learning"), (GOOD, "review"), (AGAIN, "review"), (EASY, "review"),
                      (HARD, "relearning")])
    assert (s.due_today, s.reviewed, s.recalled, s.new_today) == (7, 6, 4, 1)
    assert s.retention == pytest.approx(2 / 3) and s.recall_rate == pytest.approx(4 / 6)
    assert summarise(0, []).retention is None
