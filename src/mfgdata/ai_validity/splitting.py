"""A train / valid / test split that cannot leak, reused from the build or made here.

- The build's `split` column is reused when the lineage shows it was made `by: time` or `by: group`, after
  checking it: no group in both training and test, no training row later than a test row.
- A split made at random rows (`by: stratified`) is refused for a time series (rows with a timestamp, an
  entity or a lot): neighbouring rows of one run would sit on both sides and the score would be a lie.
- Without a split, one is made: by entity (or lot), else by time, else stratified on the label.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mfgdata.ai_validity.errors import refusal
from mfgdata.ai_validity.product import BuiltProduct
from mfgdata.ai_validity.target import Target
from mfgdata.ai_validity.timeaxis import as_seconds, group_column, group_keys, time_column

SPLIT = "split"
TRAIN, VALID, TEST = "train", "valid", "test"
RATIOS = ((TRAIN, 0.7), (VALID, 0.15), (TEST, 0.15))


@dataclass
class Split:
    """Which part each row is in, how that was decided, and the keys that prove it cannot leak.

    `groups` are the keys a group split kept apart; `entities` the entity (or lot) of each row, whatever the
    split, for counting failure events per machine.
    """

    parts: np.ndarray
    method: str
    source: str
    column: str | None
    groups: np.ndarray | None = None
    times: np.ndarray | None = None
    entities: np.ndarray | None = None
    facts: dict[str, Any] = field(default_factory=dict)

    def mask(self, part: str) -> np.ndarray:
        return self.parts == part


def _refuse_random_split(product: BuiltProduct, by: str) -> None:
    keys = ", ".join(column.name for column in product.roles("timestamp", "entity", "lot"))
    raise refusal(
        "random-split-time-series",
        product.project,
        f"빌드의 split이 행을 무작위로({by}) 나눴지만 이 데이터는 시계열입니다({keys}). 이웃한 행이 학습과 시험 양쪽에 "
        "들어가 점수가 부풀려집니다. recipe.yaml의 split 단계를 `by: time` 또는 `by: group`으로 바꾸고 "
        "다시 빌드하세요.",
        f"The build's split divided rows at random ({by}) but the data is a time series ({keys}): neighbouring rows "
        "would sit in both training and test and inflate the score. Change the split step in recipe.yaml to "
        "`by: time` or `by: group` and build again.",
    )


def _shares(count: int) -> list[int]:
    """Cut points of `count` ordered items into the RATIOS parts."""
    cuts, total = [], 0.0
    for _, share in RATIOS[:-1]:
        total += share
        cuts.append(round(count * total))
    return cuts


def _assign_in_order(ordered: np.ndarray, size: int) -> np.ndarray:
    parts = np.empty(size, dtype=object)
    names = [name for name, _ in RATIOS]
    for name, chunk in zip(names, np.split(ordered, _shares(len(ordered))), strict=True):
        parts[chunk] = name
    return parts


def _by_group(keys: np.ndarray, seed: int) -> np.ndarray:
    unique = np.unique(keys)
    shuffled = np.random.default_rng(seed).permutation(unique)
    part_of = dict(zip(shuffled, _assign_in_order(np.arange(len(unique)), len(unique)), strict=True))
    return np.array([part_of[key] for key in keys], dtype=object)


def _by_time(seconds: np.ndarray) -> np.ndarray:
    order = np.argsort(seconds, kind="stable")
    parts = _assign_in_order(order, len(seconds))
    ranked = seconds[order]
    for cut in _shares(len(seconds)):  # rows with one time stay together, on the earlier side
        if 0 < cut < len(ranked):
            parts[order[cut:][ranked[cut:] == ranked[cut - 1]]] = parts[order[cut - 1]]
    return parts


def _stratified(target: Target, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    parts = np.empty(len(target.y), dtype=object)
    strata = target.y if target.is_classification else np.zeros(len(target.y), dtype=int)
    for stratum in np.unique(strata):
        rows = np.flatnonzero(strata == stratum)
        parts[rows] = _assign_in_order(rng.permutation(rows), len(target.y))[rows]
    return parts


def _made_split(product: BuiltProduct, target: Target, seed: int) -> Split:
    group, time = group_column(product), time_column(product)
    if group is not None:
        keys = group_keys(product.values(group))
        return Split(_by_group(keys, seed), "group", "made", group, groups=keys)
    if time is not None:
        seconds = as_seconds(product.values(time))
        return Split(_by_time(seconds), "time", "made", time, times=seconds)
    return Split(_stratified(target, seed), "stratified" if target.is_classification else "random", "made", None)


def _build_split(product: BuiltProduct, by: str, column: str) -> Split:
    parts = np.array([str(value) for value in product.values(SPLIT)], dtype=object)
    split = Split(parts, by, "build", column)
    if by == "group":
        split.groups = group_keys(product.values(column))
    if by == "time":
        split.times = as_seconds(product.values(column))
    return split


def _check_parts(product: BuiltProduct, split: Split) -> None:
    for part in (TRAIN, TEST):
        if not split.mask(part).any():
            raise refusal(
                "split-part-missing",
                product.project,
                f"split 열에 '{part}' 행이 없습니다. recipe.yaml의 split 단계 ratios에 train과 test를 두세요.",
                f"The split column has no '{part}' rows. Give the split step's ratios a train and a test part.",
            )


def _prove_no_leak(product: BuiltProduct, split: Split) -> None:
    """Record that no group spans training and test and that test rows come after training rows."""
    train, test = split.mask(TRAIN), split.mask(TEST)
    if split.groups is not None:
        shared = sorted(set(split.groups[train]) & set(split.groups[test]))
        split.facts["groups"] = {
            TRAIN: len(set(split.groups[train])),
            TEST: len(set(split.groups[test])),
            "shared": len(shared),
        }
        if shared:
            raise refusal(
                "leaky-split",
                product.project,
                f"그룹 {shared[:5]}이(가) 학습과 시험 양쪽에 있습니다. split 단계를 `by: group`으로 다시 빌드하세요.",
                f"Groups {shared[:5]} are in both training and test. Build again with a `by: group` split step.",
            )
    if split.times is not None and split.method == "time":
        split.facts["time"] = {
            TRAIN: [float(np.nanmin(split.times[train])), float(np.nanmax(split.times[train]))],
            TEST: [float(np.nanmin(split.times[test])), float(np.nanmax(split.times[test]))],
        }


def plan_split(product: BuiltProduct, target: Target, seed: int = 42) -> Split:
    """The split to train and test on: the build's when it cannot leak, else a group/time split made here."""
    settings = (product.split_step or {}).get("settings") or {}
    by, column = settings.get("by"), settings.get("column")
    has_split = SPLIT in product.table.column_names and by is not None
    if has_split and by not in ("time", "group") and product.is_time_series:
        _refuse_random_split(product, str(by))
    split = _build_split(product, str(by), str(column)) if has_split else _made_split(product, target, seed)
    if split.times is None and (time := time_column(product)) is not None:
        split.times = as_seconds(product.values(time))
    if (group := group_column(product)) is not None:
        split.entities = group_keys(product.values(group))
    _check_parts(product, split)
    _prove_no_leak(product, split)
    split.facts["rows"] = {name: int((split.mask(name) & target.present).sum()) for name, _ in RATIOS}
    return split


def check_classes(product: BuiltProduct, target: Target, split: Split) -> None:
    """Refuse a split whose training part lacks a class, or whose test part lacks one of two classes."""
    if not target.is_classification:
        return
    for part in (TRAIN, TEST):
        present = set(target.y[split.mask(part) & target.present].tolist())
        missing = [name for code, name in enumerate(target.classes) if code not in present]
        if missing and (part == TRAIN or target.task == "binary"):
            listed = ", ".join(missing)
            raise refusal(
                "class-missing-from-part",
                product.project,
                f"'{part}' 부분에 라벨 부류({listed})가 없어 학습하거나 평가할 수 없습니다. 데이터를 더 모으거나 "
                "split 비율을 바꾸세요.",
                f"The '{part}' part has no rows of class(es) {listed}, so a model cannot be trained or tested. Collect "
                "more data or change the split ratios.",
            )
