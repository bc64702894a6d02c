"""The evidence the category rules read, gathered once from a profile and its column roles.

Labels are split into failure labels (a machine failed: predictive maintenance) and quality labels (a part
was defective: quality prediction) by their names; a label is `usable` when it has at least two classes.
Side files the reader left out (`source.other_files`) count as a defect list when their names say so —
the plating data keeps its defective lots in `Error Lot list.csv`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mfgdata.dictionary.names import BUSINESS, CALENDAR, is_binary
from mfgdata.dictionary.roles import ColumnRole, assign_roles, roles_by_name

_FAILURE = re.compile(r"failure|breakdown|고장|machine.?fail|^rul$|time.?to.?failure", re.I)
_WEAR = re.compile(r"wear|^rul$|age|runtime|run.?time|operating.?hours|마모|수명|가동.?시간|사용.?시간|누적", re.I)
_DEFECT_LIST = re.compile(r"error|defect|fail|불량|^ng|[ _-]ng|label|라벨|reject|불합격|lot.?list", re.I)
_PRODUCT = re.compile(r"product|item|part.?(no|number|id)|제품|품번|품목", re.I)


@dataclass(frozen=True)
class Evidence:
    """Facts for the category rules: labels by kind, wear, side files, variables and business columns."""

    profile: dict[str, Any]
    roles: dict[str, ColumnRole]
    failure_label_entries: list[dict[str, Any]]
    quality_labels: list[dict[str, Any]]
    wear_columns: list[str]
    other_files: list[str]
    label_files: list[str]
    process_variables: list[str]
    business_columns: list[str]
    calendar_columns: list[str]
    product_columns: list[str]

    @property
    def failure_labels(self) -> list[str]:
        """The column names of the failure labels."""
        return [name for entry in self.failure_label_entries for name in entry["columns"]]


def _with_usable(entry: dict[str, Any]) -> dict[str, Any]:
    classes = [item for item in entry["classes"] if item["value"] is not None]
    return {**entry, "usable": len(classes) >= 2}


def _process_variables(profile: dict[str, Any], roles: dict[str, ColumnRole]) -> list[str]:
    found = []
    for column in profile.get("columns", []):
        role = roles[column["name"]].role
        numeric = column["type"] in ("integer", "float") and not is_binary(column)
        plain_feature = role == "feature" and numeric and not BUSINESS.search(column["name"])
        if role in ("measurement", "setpoint") or plain_feature:
            found.append(column["name"])
    return found


def gather_evidence(profile: dict[str, Any], roles: list[ColumnRole] | None = None) -> Evidence:
    """Collect the evidence from a profile; roles are assigned here when not given."""
    by_name = roles_by_name(roles if roles is not None else assign_roles(profile))
    labels = [_with_usable(entry) for entry in profile.get("labels", [])]
    failure = [entry for entry in labels if _FAILURE.search(entry["columns"][0])]
    names = [column["name"] for column in profile.get("columns", [])]
    other = [Path(path.split("#")[0]).name for path in (profile.get("source") or {}).get("other_files", [])]
    return Evidence(
        profile=profile,
        roles=by_name,
        failure_label_entries=failure,
        quality_labels=[entry for entry in labels if entry not in failure],
        wear_columns=[name for name in names if _WEAR.search(name) and by_name[name].role != "label"],
        other_files=other,
        label_files=[name for name in other if _DEFECT_LIST.search(Path(name).stem)],
        process_variables=_process_variables(profile, by_name),
        business_columns=[name for name in names if BUSINESS.search(name)],
        calendar_columns=[name for name in names if CALENDAR.match(name)],
        product_columns=[name for name in names if _PRODUCT.search(name) and by_name[name].role != "label"],
    )
