"""`init_project` writes a whole product project from raw files and never overwrites one by accident."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from mfgdata.dictionary import PROJECT_FILES, init_project, load_contract
from mfgdata.errors import InputError
from mfgdata.profiling import load_profile

OPEN_DATA = Path(__file__).resolve().parents[2] / "data" / "open"


def _yaml(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def ai4i_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return init_project([OPEN_DATA / "ai4i-2020"], tmp_path_factory.mktemp("projects") / "ai4i")


def test_init_writes_every_project_file(ai4i_project: Path) -> None:
    assert sorted(path.name for path in ai4i_project.iterdir()) == sorted(PROJECT_FILES)
    assert load_profile(ai4i_project / "profile.json")["rows"] == 10_000
    assert load_contract(ai4i_project / "contract.yaml").id.startswith("ai4i-2020-")
    assert _yaml(ai4i_project / "recipe.yaml")["version"] == 1


def test_sources_reference_raw_files_by_absolute_path_and_sha256(ai4i_project: Path) -> None:
    sources = _yaml(ai4i_project / "sources.yaml")
    assert sources["inputs"] == [str((OPEN_DATA / "ai4i-2020").resolve())]
    (entry,) = sources["files"]
    assert entry["path"] == str((OPEN_DATA / "ai4i-2020" / "ai4i2020.csv").resolve())
    assert entry["sha256"] == "caeb324fec910a2f2fbff81b3c2524b4c6a2f3e1431009569e538493d462279a"
    assert not any(path.suffix == ".csv" for path in ai4i_project.iterdir())


def test_product_draft_has_bilingual_text_category_reasons_and_placeholders(ai4i_project: Path) -> None:
    text = (ai4i_project / "product.yaml").read_text(encoding="utf-8")
    assert text.startswith("# 제조데이터 상품 초안")
    product = yaml.safe_load(text)
    assert product["title"]["ko"] == "절삭가공 설비 상태·고장 데이터 (10,000행)"
    assert product["title"]["en"] == "Machining equipment condition and failure data (10,000 rows)"
    assert "Machine failure" in product["description"]["en"]
    assert product["category"]["id"] == "predictive_maintenance"
    assert "'Tool wear'" in product["category"]["reasons"]["en"][0]
    assert len(product["category"]["considered"]) >= 7
    assert product["process"]["id"] == "machining"
    assert product["licence"] == "to be chosen"
    assert product["seller"]["brn"] == "" and product["price_plans"] == []


def test_equipment_skeleton_is_one_piece_without_an_equipment_column(ai4i_project: Path) -> None:
    equipment = _yaml(ai4i_project / "equipment.yaml")
    assert equipment["entity_column"] is None
    (piece,) = equipment["equipment"]
    assert {"manufacturer", "model", "serial", "year", "ratings"} <= set(piece)


def test_existing_project_is_refused_unless_forced(ai4i_project: Path) -> None:
    before = (ai4i_project / "product.yaml").read_bytes()
    (ai4i_project / "product.yaml").write_text("# edited by hand\n", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        init_project([OPEN_DATA / "ai4i-2020"], ai4i_project)
    assert refused.value.code == "project-exists"
    assert "--force" in refused.value.text.ko and "--force" in refused.value.text.en
    assert (ai4i_project / "product.yaml").read_text(encoding="utf-8") == "# edited by hand\n"
    init_project([OPEN_DATA / "ai4i-2020"], ai4i_project, force=True)
    assert (ai4i_project / "product.yaml").read_bytes() == before


def test_a_folder_with_other_files_is_used(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("meeting notes\n", encoding="utf-8")
    init_project([OPEN_DATA / "uci-steel-plates-faults"], tmp_path)
    assert (tmp_path / "notes.txt").exists() and (tmp_path / "contract.yaml").exists()


def test_unreadable_input_writes_nothing(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(InputError):
        init_project([empty], tmp_path / "project")
    assert not (tmp_path / "project").exists()


def test_run_to_failure_units_become_pieces_of_equipment(tmp_path: Path) -> None:
    project = init_project([OPEN_DATA / "nasa-cmapss-fd001"], tmp_path / "cmapss")
    equipment = _yaml(project / "equipment.yaml")
    assert equipment["entity_column"] == "column_1"
    entities = [piece["entity"] for piece in equipment["equipment"]]
    assert len(entities) == len(set(entities)) == 200
    assert "train_FD001.txt / 1" in entities


def test_plating_project_dates_the_title_and_keeps_the_error_lot_list(shared_data: Path, tmp_path: Path) -> None:
    raw = shared_data / "kamp-chromate-plating"
    project = init_project([raw], tmp_path / "plating")
    product = _yaml(project / "product.yaml")
    assert "(2021-09-06 ~ 2021-10-27, 50,094행)" in product["title"]["ko"]
    assert product["category"]["id"] == "quality_prediction"
    (label_file,) = _yaml(project / "sources.yaml")["label_files"]
    assert label_file["path"] == str((raw / "Error Lot list.csv").resolve())
    (join,) = [step for step in _yaml(project / "recipe.yaml")["steps"] if step["type"] == "join-labels"]
    assert (project / join["path"]).resolve() == (raw / "Error Lot list.csv").resolve()


def test_each_machine_of_an_equipment_column_becomes_a_piece(tmp_path: Path) -> None:
    lines = ["일시,설비,온도,압력"]
    for minute in range(120):
        for machine in ("M1", "M2", "M3"):
            lines.append(f"2024-05-01 08:{minute // 2:02d}:{(minute % 2) * 30:02d},{machine},{180 + minute % 7},{3.1}")
    raw = tmp_path / "molding.csv"
    raw.write_text("\n".join(lines) + "\n", encoding="utf-8")
    project = init_project([raw], tmp_path / "project")
    equipment = _yaml(project / "equipment.yaml")
    assert equipment["entity_column"] == "설비"
    assert sorted(piece["entity"] for piece in equipment["equipment"]) == ["M1", "M2", "M3"]
    (table,) = load_contract(project / "contract.yaml").schema_ or []
    machine = next(prop for prop in table.properties or [] if prop.name == "설비")
    assert {custom.property: custom.value for custom in machine.customProperties or []}["role"] == "entity"
