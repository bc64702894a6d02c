"""join-labels (the plating error-lot list), split and pseudonymise, on small generated files."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections import defaultdict
from pathlib import Path

import pytest

from mfgdata.errors import InputError
from mfgdata.prep import build_recipe

KEY = "test-key-0123456789abcdef-never-in-outputs"


def _plating_day(lots: int) -> str:
    rows = ["Index,Lot,Time,pH,Temp,Current,Voltage"]
    for index in range(1, lots * 3 + 1):
        lot = (index - 1) // 3 + 1
        rows.append(f"{index},{lot},오후 4:{20 + index:02d}:17.0,1.{index % 9},23.7,3.0,4.5")
    return "\n".join(rows) + "\n"


PLATING_FILES = {
    "raw/kemp-abh-sensor-2021.09.06.csv": _plating_day(3),
    "raw/kemp-abh-sensor-2021.09.07.csv": _plating_day(3),
    "raw/Error Lot list.csv": "Index,Date,LoT\n1,2021-09-06,\n2,2021-09-07,2\n",
}
PLATING_RECIPE = """
    version: 1
    inputs: [sources/raw]
    steps:
      - type: derive
        why: 불량 로트 목록은 날짜와 로트로 찾는다
        column: date
        expression: CAST("Time" AS DATE)
      - type: join-labels
        path: sources/raw/Error Lot list.csv
        on: {date: Date, Lot: LoT}
        columns: {Index: error_list_index}
        indicator: defective
"""


def test_plating_error_lots_join_on_date_and_lot(make_project, output_rows) -> None:
    project = make_project(PLATING_RECIPE, PLATING_FILES)
    result = build_recipe(project)
    rows = output_rows(project)
    assert len(rows) == 18
    flagged = {(str(row["date"]), row["Lot"]) for row in rows if row["defective"]}
    assert flagged == {("2021-09-07", 2)}
    assert sum(row["defective"] for row in rows) == 3
    assert {row["error_list_index"] for row in rows if row["defective"]} == {2}
    assert result.steps[1].columns_added == ("error_list_index", "defective")
    lineage = json.loads((project / "build" / "lineage.json").read_text(encoding="utf-8"))
    labels = [entry for entry in lineage["inputs"] if entry["role"] == "labels"]
    assert labels[0]["path"] == "sources/raw/Error Lot list.csv"
    assert labels[0]["sha256"] == hashlib.sha256((project / labels[0]["path"]).read_bytes()).hexdigest()


def test_a_label_list_naming_a_key_twice_is_refused_at_its_line(make_project) -> None:
    files = dict(PLATING_FILES)
    files["raw/Error Lot list.csv"] = "Index,Date,LoT\n1,2021-09-07,2\n2,2021-09-07,2\n"
    project = make_project(PLATING_RECIPE, files)
    with pytest.raises(InputError) as raised:
        build_recipe(project)
    assert raised.value.code == "repeated-label-keys"
    assert "recipe.yaml line 10" in raised.value.text.en
    assert not (project / "build").exists()


def test_joining_a_timestamp_to_a_date_is_refused_with_the_fix(make_project) -> None:
    recipe = PLATING_RECIPE.replace("on: {date: Date, Lot: LoT}", "on: {Time: Date, Lot: LoT}")
    with pytest.raises(InputError) as raised:
        build_recipe(make_project(recipe, PLATING_FILES))
    assert raised.value.code == "join-type-mismatch"
    assert 'CAST("Time" AS DATE)' in raised.value.text.ko


def _engines(count: int, cycles: int) -> str:
    lines = ["engine,cycle,label"] + [
        f"{engine},{cycle},{'bad' if cycle % 4 == 0 else 'good'}"
        for engine in range(1, count + 1)
        for cycle in range(1, cycles + 1)
    ]
    return "\n".join(lines) + "\n"


def _split_recipe(by: str, column: str, seed: int = 42) -> str:
    return f"""
        version: 1
        inputs: [sources/data.csv]
        steps:
          - type: split
            by: {by}
            column: {column}
            seed: {seed}
        """


def test_group_split_puts_every_engine_in_exactly_one_split(make_project, output_rows, report_of) -> None:
    project = make_project(_split_recipe("group", "engine"), {"data.csv": _engines(20, 5)})
    result = build_recipe(project)
    splits_of: dict[int, set[str]] = defaultdict(set)
    for row in output_rows(project):
        splits_of[row["engine"]].add(row["split"])
    assert all(len(splits) == 1 for splits in splits_of.values())
    engines_per_split = defaultdict(int)
    for splits in splits_of.values():
        engines_per_split[next(iter(splits))] += 1
    assert dict(engines_per_split) == {"train": 14, "valid": 3, "test": 3}
    assert report_of(result, "split").counts == {"rows_train": 70, "rows_valid": 15, "rows_test": 15}


def test_group_split_depends_on_the_seed_and_only_on_it(make_project, output_rows) -> None:
    def assignment(seed: int, name: str) -> dict[int, str]:
        project = make_project(_split_recipe("group", "engine", seed), {"data.csv": _engines(20, 2)}, name=name)
        build_recipe(project)
        return {row["engine"]: row["split"] for row in output_rows(project)}

    assert assignment(42, "a") == assignment(42, "b")
    assert assignment(42, "a") != assignment(7, "c")


def test_time_split_tests_on_the_latest_rows(make_project, output_rows) -> None:
    project = make_project(_split_recipe("time", "cycle"), {"data.csv": _engines(4, 20)})
    build_recipe(project)
    cycles: dict[str, list[int]] = defaultdict(list)
    for row in output_rows(project):
        cycles[row["split"]].append(row["cycle"])
    assert max(cycles["train"]) < min(cycles["valid"]) <= max(cycles["valid"]) < min(cycles["test"])
    assert (len(cycles["train"]), len(cycles["valid"]), len(cycles["test"])) == (56, 12, 12)


def test_stratified_split_keeps_the_class_balance_in_every_split(make_project, output_rows) -> None:
    project = make_project(_split_recipe("stratified", "label"), {"data.csv": _engines(10, 20)})
    build_recipe(project)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row in output_rows(project):
        counts[(row["split"], row["label"])] += 1
    assert dict(counts) == {
        ("train", "good"): 105,
        ("valid", "good"): 23,
        ("test", "good"): 22,
        ("train", "bad"): 35,
        ("valid", "bad"): 8,
        ("test", "bad"): 7,
    }


def _pseudonym(value: str) -> str:
    return hmac.new(KEY.encode(), value.encode(), hashlib.sha256).hexdigest()[:16]


def test_pseudonymise_replaces_ids_by_keyed_hashes(make_project, output_rows, monkeypatch) -> None:
    monkeypatch.setenv("MFGDATA_PSEUDONYM_KEY", KEY)
    project = make_project(
        """
        version: 1
        inputs: [sources/data.csv]
        steps:
          - type: pseudonymise
            columns: [operator, serial]
        """,
        {"data.csv": "operator,serial,v\n김철수,1001,1\n이영희,1002,2\n김철수,,3\n"},
    )
    build_recipe(project)
    rows = output_rows(project)
    assert [row["operator"] for row in rows] == [_pseudonym("김철수"), _pseudonym("이영희"), _pseudonym("김철수")]
    assert [row["serial"] for row in rows] == [_pseudonym("1001"), _pseudonym("1002"), None]
    written = b"".join(path.read_bytes() for path in (project / "build").rglob("*") if path.is_file())
    assert KEY.encode() not in written
    assert "김철수".encode() not in written


def test_pseudonymise_without_a_key_says_how_to_set_one(make_project, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("MFGDATA_PSEUDONYM_KEY", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    project = make_project(
        "version: 1\ninputs: [sources/data.csv]\nsteps:\n  - type: pseudonymise\n    columns: [operator]\n",
        {"data.csv": "operator,v\nkim,1\n"},
    )
    with pytest.raises(InputError) as raised:
        build_recipe(project)
    assert raised.value.code == "pseudonym-key-missing"
    assert "MFGDATA_PSEUDONYM_KEY" in raised.value.text.ko
    assert str(tmp_path / "config" / "mfgdata" / "pseudonym.key") in raised.value.text.en


def test_pseudonymise_reads_the_key_file_in_the_config_folder(make_project, output_rows, monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("MFGDATA_PSEUDONYM_KEY", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    key_file = tmp_path / "config" / "mfgdata" / "pseudonym.key"
    key_file.parent.mkdir(parents=True)
    key_file.write_text(KEY + "\n", encoding="utf-8")
    project = make_project(
        "version: 1\ninputs: [sources/data.csv]\nsteps:\n  - type: pseudonymise\n    columns: [operator]\n",
        {"data.csv": "operator,v\nkim,1\n"},
    )
    build_recipe(project)
    assert output_rows(project)[0]["operator"] == _pseudonym("kim")
