"""Independent failure events: positive rows that happened together are one event, not many.

A rare failure logged every 5 seconds for 9 minutes is 110 positive rows but one event; a model tested on a
different hour never sees it, and a random split would test it on its own neighbours. Positive rows closer in
time than `EVENT_GAP_STEPS` times the sampling interval (per entity, when there are entities) form one event;
without a time axis, each group (lot, engine) with positives is one event. Too few events in training or in
test means no honest split can measure a model: the verdict says so instead of giving a score.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mfgdata.ai_validity.splitting import TEST, TRAIN, Split
from mfgdata.ai_validity.target import Target

EVENT_GAP_STEPS = 5
MIN_EVENTS = 5
MIN_TRAIN_EVENTS = 2
MIN_TEST_EVENTS = 1


@dataclass(frozen=True)
class EventCount:
    """How many independent positive events there are, in all and in the training and test parts."""

    total: int
    train: int
    test: int
    positive_rows: int
    gap: float | None
    spans: tuple[tuple[float, float], ...] = ()

    @property
    def enough(self) -> bool:
        return self.total >= MIN_EVENTS and self.train >= MIN_TRAIN_EVENTS and self.test >= MIN_TEST_EVENTS


def _cadence(times: np.ndarray, groups: np.ndarray | None) -> float:
    steps: list[np.ndarray] = []
    keys = groups if groups is not None else np.zeros(len(times), dtype=object)
    for key in np.unique(keys):
        unique = np.unique(times[(keys == key) & ~np.isnan(times)])
        if len(unique) > 1:
            steps.append(np.diff(unique))
    return float(np.median(np.concatenate(steps))) if steps else 0.0


def _event_ids(times: np.ndarray, groups: np.ndarray | None, gap: float) -> np.ndarray:
    keys = groups if groups is not None else np.zeros(len(times), dtype=object)
    order = np.lexsort((times, keys.astype(str)))
    ids = np.empty(len(times), dtype=int)
    current, previous = -1, None
    for row in order:
        key, time = keys[row], times[row]
        if previous is None or key != previous[0] or not (time - previous[1] <= gap):
            current += 1
        ids[row] = current
        previous = (key, time)
    return ids


def count_events(target: Target, split: Split) -> EventCount | None:
    """Independent events of the positive class, or None when rows are independent (no time, no groups)."""
    if target.task != "binary" or (split.times is None and split.entities is None):
        return None
    positive = target.present & (target.y == target.positive)
    rows = np.flatnonzero(positive)
    groups = split.entities[rows] if split.entities is not None else None
    if split.times is not None:
        gap = EVENT_GAP_STEPS * _cadence(split.times, split.entities)
        ids = _event_ids(split.times[rows], groups, gap)
    else:
        gap, ids = None, np.unique(groups, return_inverse=True)[1]
    parts = split.parts[rows]
    spans: tuple[tuple[float, float], ...] = ()
    if split.times is not None:
        spans = tuple(
            (float(split.times[rows][ids == i].min()), float(split.times[rows][ids == i].max()))
            for i in np.unique(ids)[:20]
        )
    return EventCount(
        total=len(np.unique(ids)),
        train=len(np.unique(ids[parts == TRAIN])),
        test=len(np.unique(ids[parts == TEST])),
        positive_rows=len(rows),
        gap=gap,
        spans=spans,
    )
