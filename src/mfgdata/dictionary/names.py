"""Column and file names as words: splitting headers such as `EX1.MELT_P_PV` or `Tool wear` into tokens.

Roles, sensitivity, category and process rules all read names the same way, so a pattern written for one
works for all: tokens are lower-cased, split at `_ . - / + [ ] ( )`, spaces and camelCase boundaries
(`TypeOfSteel`, but not `pH`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

# Orders, demand, schedules and stock: business quantities, not sensor readings.
BUSINESS = re.compile(
    r"수주|주문|발주|수요|출하|재고|생산.?계획|생산량|납기|"
    r"order|demand|schedule|qty|quantity|inventory|shipment|due.?date|backlog",
    re.I,
)
# Calendar attributes anyone knows.
CALENDAR = re.compile(r"^(dow|day.?of.?week|weekday|요일|month|월|holiday|공휴일|휴일)$", re.I)
_SPLIT = re.compile(r"[\s_.\-/+\[\]()#:,]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")


def tokens(name: str) -> list[str]:
    """The words of a header, lower-cased: `TypeOfSteel_A300` → `['type', 'of', 'steel', 'a300']`."""
    parts = _SPLIT.split(_CAMEL.sub(" ", name))
    return [part.lower() for part in parts if part]


def has_token(name: str, words: Iterable[str]) -> bool:
    """True when one of the header's tokens is one of `words` (exact word, not a substring)."""
    wanted = set(words)
    return any(token in wanted for token in tokens(name))


def first_token_match(name: str, words: Iterable[str]) -> str | None:
    """The first token of `name` that is one of `words`, else None."""
    wanted = set(words)
    return next((token for token in tokens(name) if token in wanted), None)


def column_by_name(profile: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The profile's columns keyed by their clean name."""
    return {column["name"]: column for column in profile.get("columns", [])}


def source_words(profile: dict[str, Any]) -> list[str]:
    """Tokens of the names of what was read: the given folders or files and the data files in them.

    Only the last part of each path is used, so a parent folder (`/home/plating-team/…`) says nothing.
    """
    source = profile.get("source") or {}
    names = [Path(path).name for path in source.get("paths", [])]
    names += [Path(entry["path"]).name for entry in source.get("files", [])]
    found: list[str] = []
    for name in names:
        found += tokens(Path(name).stem if "." in name else name)
    return found


def is_binary(column: dict[str, Any]) -> bool:
    """A 0/1 (or true/false) column: integer or boolean with at most two values, both in {0, 1}."""
    if column["type"] == "boolean":
        return True
    if column["type"] != "integer" or column["distinct"] > 2 or column["min"] is None:
        return False
    return column["min"] in (0, 1) and column["max"] in (0, 1)
