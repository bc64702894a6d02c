"""Which manufacturing process (공정) the data comes from, guessed from column and file names.

Each process has evidence words: English tokens of column headers and of the names of the files and
folder read (`Biscuit_Thickness`, `kamp-diecasting-quality`), and Korean stems found anywhere in those
names (`사출`, `도금`). Words that only one process uses weigh 2, shared ones 1. The process with the most
weight wins; the words found are the reason. No words → `unknown`, said so rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mfgdata.dictionary.names import source_words, tokens

_EXTRUDER_TAG = re.compile(r"^ex\d+$")
_SHOWN = {"ex#": "EX1…EXn"}


@dataclass(frozen=True)
class ProcessKind:
    """A process: its code, names and evidence words with their weights."""

    id: str
    name_ko: str
    name_en: str
    words: dict[str, int]
    stems_ko: dict[str, int]


PROCESSES: tuple[ProcessKind, ...] = (
    ProcessKind(
        "injection_molding",
        "사출성형",
        "injection molding",
        {"injection": 2, "mold": 1, "mould": 1, "screw": 1, "hold": 1},
        {"사출": 2, "금형": 1, "보압": 2},
    ),
    ProcessKind(
        "die_casting",
        "다이캐스팅",
        "die casting",
        {"diecasting": 2, "biscuit": 2, "shot": 1, "spray": 1, "casting": 1, "clamping": 1, "cylinder": 1},
        {"다이캐스팅": 2, "비스킷": 2},
    ),
    ProcessKind("casting", "주조", "casting", {"casting": 2, "cast": 1, "foundry": 2}, {"주조": 2, "주물": 2}),
    ProcessKind(
        "machining",
        "절삭가공",
        "machining",
        {"tool": 2, "spindle": 2, "rotational": 1, "torque": 1, "wear": 1, "feed": 1, "cutting": 2, "milling": 2},
        {"절삭": 2, "공구": 2, "주축": 2},
    ),
    ProcessKind(
        "plating",
        "도금",
        "plating",
        {"plating": 2, "chromate": 2, "anodizing": 2, "bath": 1, "ph": 1, "current": 1, "voltage": 1},
        {"도금": 2, "크로메이트": 2},
    ),
    ProcessKind(
        "extrusion",
        "압출",
        "extrusion",
        {"extrusion": 2, "extruder": 2, "ex#": 2, "melt": 1},
        {"압출": 2, "소성가공": 1},
    ),
    ProcessKind(
        "melting_mixing",
        "용해·배합",
        "melting / mixing",
        {"melting": 2, "melt": 1, "mixing": 2, "mixer": 2, "agitator": 2, "tank": 1, "motorspeed": 1, "weight": 1},
        {"용해": 2, "배합": 2, "교반": 2, "혼합": 1},
    ),
    ProcessKind(
        "forming",
        "성형·프레스",
        "forming / press",
        {"press": 2, "forming": 2, "forging": 2, "stamping": 2, "stroke": 1, "tonnage": 2},
        {"프레스": 2, "단조": 2, "성형": 1, "소성가공": 1},
    ),
    ProcessKind(
        "rolling",
        "압연",
        "rolling",
        {"rolling": 2, "steel": 1, "plate": 1, "plates": 1, "conveyer": 1, "conveyor": 1},
        {"압연": 2, "강판": 2},
    ),
    ProcessKind("welding", "용접", "welding", {"weld": 2, "welding": 2, "arc": 1}, {"용접": 2}),
    ProcessKind(
        "heat_treatment",
        "열처리",
        "heat treatment",
        {"quench": 2, "quenching": 2, "tempering": 2, "carburizing": 2, "annealing": 2},
        {"열처리": 2, "담금질": 2, "침탄": 2, "소둔": 2},
    ),
)
UNKNOWN = ProcessKind("unknown", "미상", "unknown", {}, {})


@dataclass(frozen=True)
class ProcessGuess:
    """The guessed process, its score (sum of evidence weights) and the evidence, in both languages."""

    id: str
    name_ko: str
    name_en: str
    score: int
    evidence: tuple[str, ...]
    reason_ko: str
    reason_en: str


def _names(profile: dict[str, Any]) -> tuple[set[str], str]:
    """Evidence tokens (extruder tags `EX1` … count as `ex#`) and all names joined, for Korean stems."""
    headers = [column["name"] for column in profile.get("columns", [])]
    classes = [entry["name"] for entry in ((profile.get("images") or {}).get("classes") or [])]
    found = {token for header in headers + classes for token in tokens(header)} | set(source_words(profile))
    found = {"ex#" if _EXTRUDER_TAG.match(token) else token for token in found}
    text = " ".join(headers + classes + sorted(found))
    return found, text


def _evidence(kind: ProcessKind, words: set[str], text: str) -> dict[str, int]:
    hits = {word: weight for word, weight in kind.words.items() if word in words}
    hits |= {stem: weight for stem, weight in kind.stems_ko.items() if stem in text}
    return hits


def guess_process(profile: dict[str, Any]) -> ProcessGuess:
    """The process whose evidence words weigh most in the column and file names, or `unknown`."""
    words, text = _names(profile)
    best, best_hits = UNKNOWN, {}
    for kind in PROCESSES:
        hits = _evidence(kind, words, text)
        if sum(hits.values()) > sum(best_hits.values()):
            best, best_hits = kind, hits
    if not best_hits:
        return ProcessGuess(
            "unknown",
            UNKNOWN.name_ko,
            UNKNOWN.name_en,
            0,
            (),
            "열 이름과 파일 이름에 공정을 알려 주는 단어가 없습니다. 직접 적어 주세요.",
            "No process words in the column or file names; fill in the process by hand.",
        )
    shown = [_SHOWN.get(word, word) for word in sorted(best_hits, key=lambda word: (-best_hits[word], word))]
    listed = ", ".join(shown)
    return ProcessGuess(
        best.id,
        best.name_ko,
        best.name_en,
        sum(best_hits.values()),
        tuple(sorted(best_hits)),
        f"열·파일 이름의 단어 {listed}이(가) {best.name_ko} 공정을 가리킵니다.",
        f"The words {listed} in the column and file names point to {best.name_en}.",
    )
