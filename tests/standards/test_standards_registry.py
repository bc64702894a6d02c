"""The semantic registry: shipped ids, search, a user's dictionary file, id syntax, own IRIs."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from mfgdata.standards.errors import StandardsError
from mfgdata.standards.ids import InvalidId, id_kind, is_irdi, normalise_id
from mfgdata.standards.registry import load_registry

SEED = Path("/work/shared/data/semantics/irdi_seed.csv")


def test_every_shipped_standard_id_has_korean_and_english_names() -> None:
    registry = load_registry()
    standard = [c for c in registry.concepts.values() if not c.is_own]
    assert len(standard) == 106
    assert all(c.name_ko and c.name_en and c.definition_ko and c.source for c in standard)


@pytest.mark.shared_data
def test_shipped_ids_are_exactly_the_seed_ids(shared_data: Path) -> None:
    with (shared_data / "semantics" / "irdi_seed.csv").open(encoding="utf-8") as handle:
        seed = {row["irdi"] for row in csv.DictReader(handle)}
    shipped = {c.id for c in load_registry().concepts.values() if not c.is_own}
    assert shipped == seed


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("0173-1#02-AAO677#004", "eclass"),
        ("0173-1#05-AAA567#006", "eclass"),
        ("0112/2///61360_4#AAE028#001", "iec-cdd"),
        ("0112/2///61987#ABA565#009", "iec-cdd"),
        ("0112/2///62720#UAA296", "iec-cdd"),
        ("https://admin-shell.io/idta/TimeSeries/1/1", "iri"),
        ("urn:mfgdata:concept:clamping-force", "iri"),
    ],
)
def test_id_kinds(text: str, kind: str) -> None:
    assert id_kind(text) == kind


@pytest.mark.parametrize(
    "text",
    ["0173-1#02-AAO677", "0173-1#02-AAO67#004", "0112/2///61360_4-AAE028", "AAO677", "temperature", "https://a b"],
)
def test_malformed_ids_are_refused(text: str) -> None:
    with pytest.raises(InvalidId):
        id_kind(text)
    assert not is_irdi(text)


def test_search_finds_korean_synonyms_and_ids() -> None:
    registry = load_registry()
    assert "0112/2///62683#ACE440#001" in [c.id for c in registry.search("온도")]
    assert registry.search("0173-1#02-BAE098")[0].name_en == "max. torque"


def test_template_whitespace_typos_are_normalised() -> None:
    registry = load_registry()
    assert normalise_id("https://admin-shell.io/zvei/nameplate/1/0/ ContactInformations") == (
        "https://admin-shell.io/zvei/nameplate/1/0/ContactInformations"
    )
    assert registry.get("https://admin-shell.io/idta/TimeSeries/1/1 ") is not None


def test_own_concepts_live_under_the_namespace_and_link_a_standard_property(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MFGDATA_SEMANTIC_NAMESPACE", "https://example.com/sem/")
    registry = load_registry()
    clamping = registry.get("https://example.com/sem/clamping-force")
    assert clamping is not None and clamping.is_own and not is_irdi(clamping.id)
    torque = registry.get("https://example.com/sem/measured-torque")
    assert torque is not None and torque.closest_id == "0173-1#02-BAE098#004"
    assert registry.get(torque.closest_id) is not None
    assert all(not is_irdi(c.id) for c in registry.concepts.values() if c.is_own)


def test_bad_namespace_is_refused() -> None:
    with pytest.raises(StandardsError, match="namespace"):
        load_registry(namespace="no namespace")


def test_user_dictionary_adds_and_replaces(tmp_path: Path) -> None:
    user = tmp_path / "company.csv"
    user.write_text(
        "id,preferred_name_en,preferred_name_ko,unit,kind\n"
        "0173-1#02-ZZZ001#001,die casting shot weight,샷 중량,kg,property\n",
        encoding="utf-8",
    )
    registry = load_registry(user)
    assert registry.get("0173-1#02-ZZZ001#001").name_ko == "샷 중량"
    assert registry.search("샷 중량")[0].id == "0173-1#02-ZZZ001#001"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("0173-1#02-ZZZ001,weight,kg,property", "line 3: '0173-1#02-ZZZ001' is not a valid id"),
        ("0173-1#02-ZZZ002#001,,kg,property", "line 3: preferred_name_en is empty"),
        ("0173-1#02-ZZZ003#001,weight,furlongs per banana,property", "line 3: unknown unit"),
        ("0173-1#02-ZZZ004#001,weight,kg,gizmo", "line 3: unknown kind 'gizmo'"),
    ],
)
def test_bad_user_dictionary_line_is_refused_by_number(tmp_path: Path, line: str, message: str) -> None:
    user = tmp_path / "company.csv"
    user.write_text(f"id,preferred_name_en,unit,kind\n0173-1#02-ZZZ009#001,ok,kg,property\n{line}\n", encoding="utf-8")
    with pytest.raises(StandardsError, match=message.replace("(", r"\(")) as caught:
        load_registry(user)
    assert "3번째 줄" in caught.value.text.ko
