"""A worker's own figures for Prometheus (prometheus-client): turns by channel and
outcome, turn latency, the content version it answers with. Under `kuntabotti run
--workers N` each worker writes them to PROMETHEUS_MULTIPROC_DIR and `/metrics`
(bot/operations.py) sums them all."""

from __future__ import annotations

from typing import Any

from prometheus_client import Counter, Gauge, Histogram

from actions.readings import Reading
from nlu import OUT_OF_SCOPE

TURNS = Counter(
    "kuntabotti_turns", "Resident messages answered, by channel and outcome", ["channel", "outcome"]
)
TURN_SECONDS = Histogram(
    "kuntabotti_turn_seconds",
    "From a resident message received to its replies stored",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)
CONTENT_VERSION = Gauge(
    "kuntabotti_content_version",
    "The content version (and its model) this worker answers with",
    multiprocess_mode="liveall",
)
OWN = (TURNS, TURN_SECONDS, CONTENT_VERSION)


def outcome_of(nlu_record: dict[str, Any] | None) -> str:
    """answered | fallback | out_of_scope | button (a press: no reading)."""
    reading = Reading.of(nlu_record)
    if reading is None:
        return "button"
    if reading.fallback:
        return "fallback"
    return "out_of_scope" if reading.intent == OUT_OF_SCOPE else "answered"


def observe_turn(channel: str, nlu_record: dict[str, Any] | None, seconds: float) -> None:
    TURNS.labels(channel, outcome_of(nlu_record)).inc()
    TURN_SECONDS.observe(seconds)
