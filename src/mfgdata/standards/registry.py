"""The semantic registry: standard ids shipped with mfgdata, the project's own concepts, and a user's file.

Shipped (package data, so it works on a machine without `../shared`):
- `data/semantic_ids.csv`: the ECLASS, IEC CDD and IDTA ids of the seed list, each with the public file it
  was found in, plus Korean names and definitions of our own (the dictionaries' texts carry their own terms).
- `data/own_concepts.csv`: quantities no public id was found for (clamping force, measured torque …). They get
  IRIs under a configurable namespace and name the closest standard property — an IRDI is never invented.

A user (a company's own or licensed dictionary export) adds a CSV with the columns of `semantic_ids.csv`
(only `id` and `preferred_name_en` are required); each line is checked and a bad one is refused by number.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from mfgdata.standards.errors import standards_error
from mfgdata.standards.ids import InvalidId, id_kind, normalise_id
from mfgdata.standards.units import UnitProblem, check_unit
from mfgdata.standards.words import tokens

DEFAULT_NAMESPACE = "urn:mfgdata:concept:"
NAMESPACE_VARIABLE = "MFGDATA_SEMANTIC_NAMESPACE"
KINDS = ("property", "rating", "identification", "time", "unit", "template")


@dataclass(frozen=True)
class Concept:
    """One semantic id with what a person and an AAS need to know about it."""

    id: str
    dictionary: str  # eclass | iec-cdd | idta | project | user
    kind: str  # one of KINDS
    name_en: str
    name_ko: str = ""
    definition_en: str = ""
    definition_ko: str = ""
    unit: str = ""  # pint spelling; empty when the property has none
    unit_id: str = ""
    data_type: str = ""  # IEC 61360 data type (REAL_MEASURE, STRING …)
    source: str = ""
    keywords: str = ""
    closest_id: str = ""  # own concepts: the nearest standard property
    closest_relation: str = ""  # isCaseOf | sameQuantity | ratingOfSameQuantity | limitOfSameQuantity
    words: frozenset[str] = field(default=frozenset(), compare=False)

    @property
    def is_own(self) -> bool:
        """True for the project's own IRIs (not from a public dictionary)."""
        return self.dictionary == "project"


def semantic_namespace(namespace: str | None = None) -> str:
    """The namespace of project-own IRIs: the argument, else $MFGDATA_SEMANTIC_NAMESPACE, else a URN."""
    chosen = namespace or os.environ.get(NAMESPACE_VARIABLE) or DEFAULT_NAMESPACE
    try:
        valid = id_kind(chosen) == "iri" and chosen[-1] in "/#:"
    except InvalidId:
        valid = False
    if not valid:
        raise standards_error(
            "bad-namespace",
            None,
            f"의미 ID 네임스페이스 '{chosen}'가 IRI가 아니거나 '/', '#', ':'로 끝나지 않습니다. "
            "예: https://example.com/semantics/",
            f"The semantic id namespace '{chosen}' is not an IRI ending in '/', '#' or ':'. "
            "Example: https://example.com/semantics/",
        )
    return chosen


def _with_words(concept: Concept) -> Concept:
    text = f"{concept.name_en} {concept.name_ko} {concept.keywords}"
    return Concept(**{**concept.__dict__, "words": tokens(text)})


def _row_concept(row: dict[str, str], dictionary: str | None = None) -> Concept:
    values = {name: (row.get(column) or "").strip() for name, column in _COLUMNS.items()}
    values["dictionary"] = dictionary or values["dictionary"] or "user"
    values["kind"] = values["kind"] or "property"
    return _with_words(Concept(**values))


_COLUMNS = {
    "id": "id", "dictionary": "dictionary", "kind": "kind", "name_en": "preferred_name_en",
    "name_ko": "preferred_name_ko", "definition_en": "definition_en", "definition_ko": "definition_ko",
    "unit": "unit", "unit_id": "unit_id", "data_type": "data_type", "source": "source", "keywords": "keywords",
}  # fmt: skip


def _shipped_rows(name: str) -> list[dict[str, str]]:
    text = resources.files("mfgdata.standards").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _own_concepts(namespace: str) -> list[Concept]:
    concepts = []
    for row in _shipped_rows("own_concepts.csv"):
        concept = _row_concept({**row, "id": namespace + row["key"], "kind": "property"}, "project")
        linked = {"closest_id": row["closest_id"], "closest_relation": row["closest_relation"]}
        concepts.append(Concept(**{**concept.__dict__, **linked}))
    return concepts


def _user_concepts(path: Path) -> list[Concept]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = {"id", "preferred_name_en"} - set(reader.fieldnames or [])
            if missing:
                raise standards_error(
                    "dictionary-columns",
                    path,
                    f"사전 파일 첫 줄에 {', '.join(sorted(missing))} 열이 없습니다.",
                    f"The dictionary file's first line lacks the column(s) {', '.join(sorted(missing))}.",
                )
            return [_checked_user_row(row, path, reader.line_num) for row in reader]
    except OSError as error:
        raise standards_error(
            "dictionary-unreadable", path, "사전 파일을 읽을 수 없습니다.", f"Cannot read: {error}"
        ) from error


def _checked_user_row(row: dict[str, str], path: Path, line: int) -> Concept:
    concept = _row_concept({**row, "id": normalise_id(row.get("id") or "")})
    problem = _row_problem(concept)
    if problem:
        raise standards_error("dictionary-line", path, f"{line}번째 줄: {problem[0]}", f"line {line}: {problem[1]}")
    return concept


def _row_problem(concept: Concept) -> tuple[str, str] | None:
    try:
        id_kind(concept.id)
    except InvalidId as error:
        return f"'{concept.id}'는 올바른 ID가 아닙니다", f"'{concept.id}' is not a valid id: {error}"
    if not concept.name_en:
        return "preferred_name_en(영문 이름)이 비어 있습니다", "preferred_name_en is empty"
    if concept.kind not in KINDS:
        return f"kind '{concept.kind}'를 모릅니다({', '.join(KINDS)})", f"unknown kind '{concept.kind}'"
    try:
        check_unit(concept.unit)
    except UnitProblem as error:
        return f"단위 '{concept.unit}'를 알 수 없습니다", str(error)
    return None


class Registry:
    """Concepts by id, searchable by name (Korean or English, synonyms included)."""

    def __init__(self, concepts: list[Concept], namespace: str) -> None:
        self.namespace = namespace
        self.concepts: dict[str, Concept] = {}
        for concept in concepts:
            self.concepts[concept.id] = concept  # a user's line replaces a shipped one with the same id
        self.superseded = _superseded(self.concepts)

    def get(self, semantic_id: str) -> Concept | None:
        """The concept of an id (whitespace typos of the templates removed), or None."""
        return self.concepts.get(normalise_id(semantic_id))

    def search(self, query: str, limit: int = 10) -> list[Concept]:
        """Concepts whose names share words with `query` (or whose id contains it), best first."""
        wanted = tokens(query)
        needle = query.strip().lower()
        scored = []
        for concept in self.concepts.values():
            overlap = len(wanted & concept.words) / max(len(wanted | concept.words), 1)
            if needle and needle in concept.id.lower():
                overlap = max(overlap, 1.0)
            if overlap > 0:
                scored.append((-overlap, concept.kind == "unit", concept.id, concept))
        return [entry[-1] for entry in sorted(scored)[:limit]]

    def column_iri(self, product: str, column: str) -> str:
        """The project-own IRI of one column of one product (used when no concept fits)."""
        return f"{self.namespace}{_slug(product)}/{_slug(column)}"


def _superseded(concepts: dict[str, Concept]) -> frozenset[str]:
    """IRDIs of which the registry also holds a newer version (`…#010` when `…#012` is there)."""
    newest: dict[str, str] = {}
    for semantic_id in concepts:
        base, _, version = semantic_id.rpartition("#")
        if base and version.isdigit() and len(version) == 3 and "#" in base:
            newest[base] = max(newest.get(base, version), version)
    return frozenset(
        semantic_id
        for semantic_id in concepts
        if (parts := semantic_id.rpartition("#"))[0] in newest and parts[2] != newest[parts[0]]
    )


def _slug(text: str) -> str:
    cleaned = "".join(char if char.isalnum() else "-" for char in text.strip().lower())
    return "-".join(part for part in cleaned.split("-") if part) or "column"


@cache
def _shipped(namespace: str) -> tuple[Concept, ...]:
    standard = [_row_concept(row) for row in _shipped_rows("semantic_ids.csv")]
    return (*standard, *_own_concepts(namespace))


def load_registry(user_file: Path | None = None, namespace: str | None = None) -> Registry:
    """The shipped concepts, the project's own under `namespace`, and those of `user_file` (a CSV) last."""
    chosen = semantic_namespace(namespace)
    concepts = list(_shipped(chosen))
    if user_file is not None:
        concepts.extend(_user_concepts(Path(user_file)))
    return Registry(concepts, chosen)
