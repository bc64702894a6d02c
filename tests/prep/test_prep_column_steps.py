"""Steps that shape columns and rows: select, drop, rename, cast, normalize-text, sort, filter, derive,
drop-duplicates, drop-sensitive — each checked on the built output a buyer would open."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mfgdata.prep import build_recipe

SENSOR = "id,line,temp,operator\n1,A,20.5,kim\n2,B,21.0,lee\n3,A,19.5,park\n4,B,22.0,choi\n"


def test_select_keeps_the_listed_columns_in_the_listed_order(make_project, output_rows) -> None:
    project = make_project(
        """
        version: 1
        inputs: [sources/data.csv]
        steps:
          - type: select
            columns: [temp, id]
        """,
        {"data.csv": SENSOR},
    )
    build_recipe(project)
    assert output_rows(project)[0] == {"temp": 20.5, "id": 1}
    assert list(output_rows(project)[0]) == ["temp", "id"]


def test_drop_and_drop_sensitive_remove_columns_and_the_lineage_says_which(make_project, output_rows) -> None:
    project = make_project(
        """
        version: 1
        inputs: [sources/data.csv]
        steps:
          - type: drop
            columns: [line]
          - type: drop-sensitive
            why: 작업자 이름은 개인정보
            columns: [operator]
        """,
        {"data.csv": SENSOR},
    )
    result = build_recipe(project)
    assert list(output_rows(project)[0]) == ["id", "temp"]
    lineage = json.loads((project / "build" / "lineage.json").read_text(encoding="utf-8"))
    sensitive = lineage["steps"][1]
    assert (sensitive["type"], sensitive["why"], sensitive["columns_removed"]) == (
        "drop-sensitive",
        "작업자 이름은 개인정보",
        ["operator"],
    )
    assert result.steps[0].columns_removed == ("line",)


def test_rename_keeps_values_and_the_unit_read_from_the_header(make_project, output_rows) -> None:
    project = make_project(
        """
        version: 1
        inputs: [sources/data.csv]
        steps:
          - type: rename
            columns: {온도: bath_temp}
          - type: convert-unit
            column: bath_temp
            to: K
        """,
        {"data.csv": "id,온도(℃)\n1,20\n2,30\n"},
    )
    result = build_recipe(project)
    assert [row["bath_temp"] for row in output_rows(project)] == [293.15, 303.15]
    assert result.schema.find("bath_temp").unit == "K"


def test_cast_turns_text_to_numbers_and_counts_values_that_did_not_fit(make_project, output_rows, report_of) -> None:
    project = make_project(
        """
        version: 1
        inputs: [sources/data.csv]
        steps:
          - type: cast
            columns: {count: integer}
        """,
        {"data.csv": "lot,count\nL1,12\nL2,오류\nL3,7\n"},
    )
    result = build_recipe(project)
    assert [row["count"] for row in output_rows(project)] == [12, None, 7]
    assert report_of(result, "cast").values_nulled == 1
    assert report_of(result, "cast").values_changed == 0


def test_normalize_text_folds_full_width_codes_trims_and_lowercases(make_project, output_rows, report_of) -> None:
    project = make_project(
        """
        version: 1
        inputs: [sources/data.csv]
        steps:
          - type: normalize-text
            columns: [code]
            case: lower
        """,
        {"data.csv": "id,code\n1,ＡＢ１\n2, ab1 \n3,ab1\n4,㎏\n"},
    )
    result = build_recipe(project)
    assert [row["code"] for row in output_rows(project)] == ["ab1", "ab1", "ab1", "kg"]
    assert report_of(result, "normalize-text").values_changed == 3


def test_sort_orders_the_output_and_keeps_ties_in_file_order(make_project, output_rows) -> None:
    project = make_project(
        """
        version: 1
        inputs: [sources/data.csv]
        steps:
          - type: sort
            by: [line]
        """,
        {"data.csv": SENSOR},
    )
    build_recipe(project)
    assert [row["id"] for row in output_rows(project)] == [1, 3, 2, 4]


def test_filter_keeps_rows_matching_the_condition(make_project, output_rows, report_of) -> None:
    project = make_project(
        """
        version: 1
        inputs: [sources/data.csv]
        steps:
          - type: filter
            where: "temp >= 20.5"
            allow_row_loss: 0.5
        """,
        {"data.csv": SENSOR},
    )
    result = build_recipe(project)
    assert [row["id"] for row in output_rows(project)] == [1, 2, 4]
    assert (report_of(result, "filter").rows_in, report_of(result, "filter").rows_out) == (4, 3)


def test_derive_computes_remaining_life_with_a_window_function(make_project, output_rows) -> None:
    project = make_project(
        """
        version: 1
        inputs: [sources/data.csv]
        steps:
          - type: derive
            column: rul
            expression: max(cycle) OVER (PARTITION BY engine) - cycle
        """,
        {"data.csv": "engine,cycle\n1,1\n1,2\n1,3\n2,1\n2,2\n"},
    )
    result = build_recipe(project)
    assert [row["rul"] for row in output_rows(project)] == [2, 1, 0, 1, 0]
    assert result.schema.find("rul").type == "BIGINT"


def test_derive_replacing_a_column_counts_the_changed_values(make_project, output_rows, report_of) -> None:
    project = make_project(
        """
        version: 1
        inputs: [sources/data.csv]
        steps:
          - type: derive
            column: temp
            expression: round(temp)
        """,
        {"data.csv": SENSOR},
    )
    result = build_recipe(project)
    assert [row["temp"] for row in output_rows(project)] == [21.0, 21.0, 20.0, 22.0]
    assert report_of(result, "derive").values_changed == 2


def test_drop_duplicates_removes_exact_repeats(make_project, output_rows) -> None:
    project = make_project(
        """
        version: 1
        inputs: [sources/data.csv]
        steps:
          - type: drop-duplicates
            allow_row_loss: 0.5
        """,
        {"data.csv": "a,b\n1,x\n1,x\n2,y\n1,x\n"},
    )
    build_recipe(project)
    assert output_rows(project) == [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]


def test_drop_duplicates_by_key_keeps_the_latest_reading(make_project, output_rows) -> None:
    project = make_project(
        """
        version: 1
        inputs: [sources/data.csv]
        steps:
          - type: drop-duplicates
            keys: [lot]
            keep: last
            order_by: [measured]
            allow_row_loss: 0.5
        """,
        {"data.csv": "lot,measured,value\nL1,3,30\nL1,5,50\nL2,1,10\nL1,4,40\n"},
    )
    build_recipe(project)
    assert [(row["lot"], row["value"]) for row in output_rows(project)] == [("L1", 50), ("L2", 10)]


def test_a_recipe_without_steps_copies_the_data(make_project, output_rows) -> None:
    project = make_project("version: 1\ninputs: [sources/data.csv]\nsteps: []\n", {"data.csv": SENSOR})
    result = build_recipe(project)
    assert len(output_rows(project)) == 4
    assert result.rows_written == 4
    assert Path(result.outputs[0].path) == Path("data/product.parquet")


@pytest.mark.parametrize(("keep", "kept"), [("first", [1, 3, 4, 7]), ("last", [3, 5, 6, 7])])
def test_drop_duplicates_in_row_order_treats_missing_key_parts_as_equal(
    make_project, output_rows, report_of, keep: str, kept: list[int]
) -> None:
    # given keys repeated three times and twice, some with a missing part
    data = "lot,line,value\nL1,,1\nL1,,2\nL2,A,3\n,A,4\n,A,5\nL1,,6\nL2,B,7\n"
    project = make_project(
        f"""
        version: 1
        inputs: [sources/data.csv]
        steps:
          - type: drop-duplicates
            keys: [lot, line]
            keep: {keep}
            allow_row_loss: 0.5
        """,
        {"data.csv": data},
    )
    # when built; then one row per key is kept, the first (last) in row order, and the rest are counted
    result = build_recipe(project)
    rows = output_rows(project)
    assert [row["value"] for row in rows] == kept
    assert (rows[0]["line"] if keep == "first" else rows[2]["line"]) is None
    assert (report_of(result, "drop-duplicates").rows_in, result.rows_written) == (7, 4)
