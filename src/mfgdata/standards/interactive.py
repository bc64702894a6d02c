"""Choosing ids with the keyboard: per column the ranked candidates, then Enter, a number, `s`, an id or `q`.

The chooser only talks through the two functions it is given (ask a line, show a line), so the CLI passes
Typer's prompt and tests feed standard input.
"""

from __future__ import annotations

from collections.abc import Callable

from mfgdata.errors import ErrorText, MfgdataError
from mfgdata.standards.ids import InvalidId, id_kind
from mfgdata.standards.standardize import Chooser
from mfgdata.standards.suggest import Candidate, Suggestion

PROMPT = "선택 / choose [Enter=1, 번호 number, s=열 IRI (column IRI), ID 직접 입력 (type an id), q=중단 (quit)]"


class StandardizeAborted(MfgdataError):
    """The person quit; nothing was written."""


def describe(suggestion: Suggestion) -> list[str]:
    """The lines shown for one column: its name, unit and role, the candidates and what was left out."""
    column = suggestion.column
    lines = [f"열 (column) {column.name} — 단위 (unit) {column.unit or '-'}, 역할 (role) {column.role}"]
    for number, candidate in enumerate(suggestion.candidates, start=1):
        concept = candidate.concept
        lines.append(f"  {number}. [{candidate.score:.2f}] {concept.id} — {concept.name_ko} / {concept.name_en}")
        lines.append(f"       {candidate.reason_ko}")
    if not suggestion.candidates:
        lines.append("  후보 없음: s 또는 Enter로 열 IRI를 씁니다 (no candidate: Enter or s gives a column IRI)")
    ratings = [concept.name_en for concept, reason in suggestion.excluded if concept.kind == "rating"]
    if ratings:
        lines.append(f"  제외한 정격값 (ratings left out): {', '.join(sorted(set(ratings))[:4])}")
    return lines


def _answer(text: str, suggestion: Suggestion) -> Candidate | str | bool | None:
    """The choice a typed line means; False when it means nothing (ask again)."""
    text = text.strip()
    if not text:
        return suggestion.candidates[0] if suggestion.candidates else None
    if text.lower() == "s":
        return None
    if text.lower() == "q":
        raise StandardizeAborted(
            "aborted", ErrorText(ko="중단했습니다. 아무것도 쓰지 않았습니다.", en="Aborted; nothing written.")
        )
    if text.isdigit():
        index = int(text) - 1
        return suggestion.candidates[index] if 0 <= index < len(suggestion.candidates) else False
    try:
        id_kind(text)
    except InvalidId:
        return False
    return text


def keyboard_chooser(ask: Callable[[str], str], say: Callable[[str], None]) -> Chooser:
    """A chooser asking a person per column; unclear answers are asked again."""

    def choose(suggestion: Suggestion) -> Candidate | str | None:
        for line in describe(suggestion):
            say(line)
        while True:
            answer = _answer(ask(PROMPT), suggestion)
            if not isinstance(answer, bool):
                return answer
            say("  알 수 없는 답입니다: 번호, s, q 또는 올바른 ID를 입력하세요 (unclear: a number, s, q or a valid id)")

    return choose
