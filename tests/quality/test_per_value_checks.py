"""Text matching on a column of few distinct values (the file's statistics say so) is judged once per distinct
value, weighed by its rows: the findings are those of judging every row, examples included."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mfgdata.quality import engine as engine_module

# 5,000 rows; lot ids from 20 values, one malformed ('LOT-12'), some missing; four recipes, one unknown
# ('ABS'); a label column of 0/1 with one blank ('') and one unknown ('2') class.
ROWS = """
SELECT range + 1 AS id,
       CASE WHEN range % 97 = 0 THEN NULL WHEN range % 1000 = 7 THEN 'LOT-12'
            ELSE 'LOT-' || lpad(CAST(range % 19 AS VARCHAR), 6, '0') END AS lot_id,
       (['PA6', 'PC', 'PP', 'POM'])[1 + range % 4] || CASE WHEN range = 4321 THEN '-x' ELSE '' END AS recipe,
       CASE WHEN range = 17 THEN '' WHEN range = 2500 THEN '2' ELSE CAST(range % 2 AS VARCHAR) END AS label,
       range * 1.5 AS reading
FROM range(5000)
"""


def _suite(kit: Any) -> list[dict[str, Any]]:
    return [
        kit.custom("regex", column="lot_id", pattern="LOT-[0-9]{6}") | {"id": "lot"},
        kit.custom("allowed-values", column="recipe", values=["PA6", "PC", "PP", "POM"]) | {"id": "recipe"},
        kit.custom("label-classes", column="label", classes=[0, 1]) | {"id": "label"},
        kit.custom("regex", column="reading", pattern="[0-9]+[.]?[0-9]*") | {"id": "reading"},
    ]


def _findings(results: dict[str, dict[str, Any]]) -> dict[str, tuple[Any, ...]]:
    keys = ("passed", "checked_count", "failing_count", "examples")
    return {name: tuple(result[key] for key in keys) for name, result in results.items()}


def test_few_valued_text_is_judged_per_value_with_the_findings_of_every_row(
    kit: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a file whose lot, recipe and label columns hold few distinct values, and whose readings do not
    data = kit.write_table(tmp_path, f"{ROWS} ORDER BY id")
    queries: list[str] = []
    fetch = engine_module.DuckDBEngine.fetch

    def spy(self: engine_module.DuckDBEngine, sql: str) -> list[tuple[Any, ...]]:
        queries.append(sql)
        return fetch(self, sql)

    monkeypatch.setattr(engine_module.DuckDBEngine, "fetch", spy)
    # when the suite is verified as it is, and again with every row judged
    per_value = kit.run_checks(tmp_path, data, _suite(kit))
    grouped = [sql for sql in queries if "GROUP BY" in sql]
    monkeypatch.setattr(engine_module.DuckDBEngine, "few_valued_columns", lambda self, relation: frozenset())
    every_row = kit.run_checks(tmp_path, data, _suite(kit))
    # then the three few-valued columns were grouped, the readings not, and the findings are the same
    assert sorted(sql.split("(SELECT ")[1].split(",")[0] for sql in grouped) == ['"label"', '"lot_id"', '"recipe"']
    assert _findings(per_value) == _findings(every_row)
    lot = per_value["lot"]
    assert (lot["checked_count"], lot["failing_count"]) == (5000 - 52, 4)  # row 3008 (range 3007) has no lot id
    assert [e["row"] for e in lot["examples"]] == [8, 1008, 2008, 4008]
    assert [e["row"] for e in per_value["recipe"]["examples"]] == [4322]
    assert [e["row"] for e in per_value["label"]["examples"]] == [18, 2501]


def test_a_column_is_few_valued_only_when_every_row_group_counts_its_values(kit: Any, tmp_path: Path) -> None:
    # given a file of 5,000 rows: 20 lot ids, four recipes, 5,000 distinct readings
    data = kit.write_table(tmp_path, f"{ROWS} ORDER BY id")
    engine = engine_module.DuckDBEngine()
    try:
        engine.register("t", data, numbered=False)
        # then the columns with at most one distinct value per 100 rows are few-valued
        assert engine.few_valued_columns("t") == frozenset({"lot_id", "recipe", "label"})
    finally:
        engine.close()


def test_a_file_whose_name_has_a_quote_is_read_for_its_statistics(kit: Any, tmp_path: Path) -> None:
    folder = tmp_path / "O'Neil's line"
    folder.mkdir()
    data = kit.write_table(tmp_path, f"{ROWS} ORDER BY id").rename(folder / "readings.parquet")
    engine = engine_module.DuckDBEngine()
    try:
        engine.register("t", data, numbered=False)
        assert "recipe" in engine.few_valued_columns("t")
    finally:
        engine.close()
