"""The benchmark's ingest watch: when it stops an ingest for the run's time limit (pure logic, no ingest run)."""

from __future__ import annotations

import time

from bench.run import MIN_OBSERVE_S, IngestWatch


def test_a_resumed_ingest_is_judged_on_its_own_pace_not_on_its_first_seconds():
    """A resumed ingest reports its first batch a few seconds in: the killed run's time before it must not count as
    observed pace (a 100k run was once stopped 9 s after it resumed)."""
    watch = IngestWatch(None, limit_at=time.time() + 40 * 60, already_s=32 * 60)  # as on that run
    watch.started -= 9
    assert watch("records: 256/100000") is False and watch.reason == ""


def test_an_ingest_too_slow_for_the_time_limit_is_stopped_once_observed():
    watch = IngestWatch(None, limit_at=time.time() + 600)
    watch.started -= MIN_OBSERVE_S + 1
    assert watch("records: 1000/100000") is True and watch.reason == "projected"


def test_the_kill_and_resume_test_stops_at_its_fraction():
    watch = IngestWatch(0.5, limit_at=None)
    assert watch("records: 49999/100000") is False
    assert watch("records: 50016/100000") is True and watch.reason == "kill"
