"""The sanctions register (제재 / 참여제한) kept by the agency, which the exclusion rules consult.

The site stores the rows; the rules only need to ask "is this organisation under a sanction on that day,
in these scopes". A sanction without an end date is in force until it is lifted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from mfgdata.rules.errors import rules_error

SanctionKind = Literal["sanction", "participation_ban"]
_KIND_KO = {"sanction": "제재처분", "participation_ban": "참여제한"}


@dataclass(frozen=True)
class Sanction:
    """One entry: who, what kind, in which programme family (`scope`), from when to when, and why."""

    organisation_id: str
    kind: SanctionKind
    scope: str
    starts_on: date
    ends_on: date | None
    reason: str

    def in_force(self, on: date) -> bool:
        """True on every day from `starts_on` to `ends_on`, both included."""
        return self.starts_on <= on and (self.ends_on is None or on <= self.ends_on)

    def kind_ko(self) -> str:
        return _KIND_KO[self.kind]


@dataclass(frozen=True)
class SanctionsRegister:
    """All sanctions, any organisation; immutable, so a check sees one consistent register."""

    entries: tuple[Sanction, ...] = ()

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, Any]]) -> SanctionsRegister:
        """Rows as the site stores them (dates as `date` or ISO text); a bad row is refused, saying which."""
        entries = []
        for index, row in enumerate(rows, start=1):
            try:
                entry = Sanction(
                    organisation_id=str(row["organisation_id"]),
                    kind=row["kind"],
                    scope=str(row["scope"]),
                    starts_on=_day(row["starts_on"]),
                    ends_on=_day(row["ends_on"]) if row.get("ends_on") else None,
                    reason=str(row.get("reason", "")),
                )
            except (KeyError, ValueError, TypeError) as error:
                raise rules_error(
                    "rules-sanction-row",
                    f"제재 목록 {index}번째 행이 잘못되었습니다({error}). organisation_id, kind, scope, "
                    "starts_on을 확인하세요.",
                    f"Sanctions row {index} is invalid ({error}). Check organisation_id, kind, scope, starts_on.",
                ) from None
            if entry.kind not in _KIND_KO:
                raise rules_error(
                    "rules-sanction-kind",
                    f"제재 목록 {index}번째 행의 kind는 sanction 또는 participation_ban입니다.",
                    f"Sanctions row {index}: kind is sanction or participation_ban.",
                )
            entries.append(entry)
        return cls(tuple(entries))

    def active(self, organisation_id: str, on: date, scopes: Iterable[str] | None = None) -> list[Sanction]:
        """The sanctions in force for `organisation_id` on `on`, limited to `scopes` when given."""
        wanted = set(scopes) if scopes is not None else None
        return [
            s
            for s in self.entries
            if s.organisation_id == organisation_id and s.in_force(on) and (wanted is None or s.scope in wanted)
        ]


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
