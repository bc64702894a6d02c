"""`mfgdata verify`: read the data and the contract, run the suite on an engine, write the results.

Exit codes (for the CLI): 0 when every blocking check passes, 1 when one fails, 2 when the suite cannot
run (raised as QualityError / InputError before or while reading).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import duckdb
import yaml

from mfgdata.dataset.row_numbers import has_own_row_number_column
from mfgdata.quality.engine import Engine, open_engine
from mfgdata.quality.errors import quality_error
from mfgdata.quality.inputs import DataInput, Inputs, is_project, project_inputs, raw_inputs, stage_numbered
from mfgdata.quality.model import CheckResult, CheckSpec, ColumnInfo, TableInfo
from mfgdata.quality.odcs import contract_specs, custom_value
from mfgdata.quality.results import contract_entry, results_document, write_results
from mfgdata.quality.runner import DEFAULT_EXAMPLES, compile_suite, run_compiled


@dataclass(frozen=True)
class Verification:
    """What verify produced: the results document, where it was written, and the tables read."""

    document: dict[str, Any]
    results: list[CheckResult]
    results_path: Path
    inputs: Inputs

    @property
    def exit_code(self) -> int:
        return 0 if self.document["valid"] else 1


def load_contract(path: Path | None) -> dict[str, Any] | None:
    """The contract document, or None without one."""
    if path is None:
        return None
    if not path.is_file():
        raise quality_error("contract-not-found", "계약 파일이 없습니다. 경로를 확인하세요.",
                            "The contract file does not exist. Check the path.", path)  # fmt: skip
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise quality_error("contract-not-yaml", f"계약 파일을 YAML로 읽을 수 없습니다: {error}",
                            f"The contract is not valid YAML: {error}", path) from None  # fmt: skip
    return document if isinstance(document, dict) else {}


def _table_entries(contract: dict[str, Any] | None) -> list[dict[str, Any]]:
    return list((contract or {}).get("schema") or [])


def _names(inputs: Inputs, contract: dict[str, Any] | None) -> dict[str, DataInput]:
    """Tables by contract name: one table and one schema object match; else by `path` or by file stem."""
    schema = _table_entries(contract)
    if len(schema) == 1 and len(inputs.tables) == 1:
        return {str(schema[0].get("name")): inputs.tables[0]}
    by_path = {str(custom_value(entry, "path")): str(entry.get("name")) for entry in schema}
    return {by_path.get(table.display, table.name): table for table in inputs.tables}


def _column_facts(contract: dict[str, Any] | None, table: str) -> dict[str, dict[str, Any]]:
    for entry in _table_entries(contract):
        if str(entry.get("name")) == table:
            return {str(prop.get("name")): prop for prop in entry.get("properties") or []}
    return {}


def _register(engine: Engine, names: dict[str, DataInput], inputs: Inputs, contract: dict[str, Any] | None
              ) -> dict[str, TableInfo]:  # fmt: skip
    tables: dict[str, TableInfo] = {}
    staging = duckdb.connect()  # keeps insertion order, so staged copies are numbered in file order
    try:
        for index, (name, data) in enumerate(sorted(names.items())):
            relation = f"t{index}"
            if engine.dialect.engine == "spark" or has_own_row_number_column(staging, data.parquet):
                kinds = engine.register(relation, stage_numbered(staging, data, inputs.workdir), numbered=True)
            else:
                kinds = engine.register(relation, data.parquet, numbered=False)
            facts, few = _column_facts(contract, name), engine.few_valued_columns(relation)
            columns = {
                column: ColumnInfo(
                    column, kind, unit=custom_value(facts.get(column, {}), "unit"),
                    role=custom_value(facts.get(column, {}), "role"),
                    description=str(facts.get(column, {}).get("description") or ""), few_values=column in few,
                )
                for column, kind in kinds.items()
            }  # fmt: skip
            rows = int(engine.fetch(f"SELECT COUNT(*) FROM {relation}")[0][0])
            tables[name] = TableInfo(name, relation, columns, rows)
    finally:
        staging.close()
    return tables


_COLUMN_SETTINGS = ("column", "columns", "entity", "min_column", "max_column", "split_column", "reference_column")


def _renames(contract: dict[str, Any] | None, table: str) -> dict[str, str]:
    """Input column name → built name, from the `inputName` the build writes into build/contract.yaml."""
    facts = _column_facts(contract, table)
    return {
        str(custom_value(prop, "inputName")): name for name, prop in facts.items() if custom_value(prop, "inputName")
    }


def follow_renames(specs: list[CheckSpec], contract: dict[str, Any] | None, tables: dict[str, TableInfo]
                   ) -> list[CheckSpec]:  # fmt: skip
    """Checks naming a column by its input name, pointed at the column the recipe renamed it to."""
    followed = []
    for spec in specs:
        renames, present = _renames(contract, spec.table), tables.get(spec.table)
        if not renames or present is None:
            followed.append(spec)
            continue

        def new_name(name: Any, renames: dict[str, str] = renames, present: TableInfo = present) -> Any:
            return renames.get(name, name) if isinstance(name, str) and name not in present.columns else name

        settings = dict(spec.settings)
        for key in _COLUMN_SETTINGS:
            value = settings.get(key)
            settings[key] = [new_name(v) for v in value] if isinstance(value, list) else new_name(value)
        followed.append(replace(spec, settings={k: v for k, v in settings.items() if k in spec.settings}))
    return followed


def _with_facts(table: TableInfo, contract: dict[str, Any] | None) -> TableInfo:
    """The table with the units, roles and descriptions of the contract the suggestions came from."""
    schema = _table_entries(contract)
    facts = {str(p.get("name")): p for p in (schema[0].get("properties") or [])} if schema else {}
    columns = {
        name: replace(
            info,
            unit=info.unit or custom_value(facts.get(name, {}), "unit"),
            role=info.role or custom_value(facts.get(name, {}), "role"),
            description=info.description or str(facts.get(name, {}).get("description") or ""),
        )
        for name, info in table.columns.items()
    }
    return replace(table, columns=columns)


def _suggested_specs(target: Path, tables: dict[str, TableInfo]) -> list[CheckSpec]:
    """Without checks in the contract: the suggested suite, for the columns the data has."""
    from mfgdata.quality.suggest import as_contract, suggest_for_path

    suggestions, _, drafted = suggest_for_path(target)
    specs: list[CheckSpec] = []
    for name, table in list(tables.items()):
        tables[name] = _with_facts(table, drafted)
        contract = as_contract(name, suggestions, set(table.columns))
        specs.extend(replace(spec, source="suggested") for spec in contract_specs(contract))
    return specs


def open_inputs(target: Path, contract: Path | None, out_dir: Path | None) -> Inputs:
    """The inputs of a project folder or of a raw file/folder."""
    if is_project(target):
        inputs = project_inputs(target, contract)
        if out_dir is not None:
            inputs.out_dir = out_dir
        return inputs
    return raw_inputs(target, contract, out_dir or Path("build") / "quality")


def verify(
    target: Path,
    *,
    contract: Path | None = None,
    engine: str = "duckdb",
    out_dir: Path | None = None,
    examples: int = DEFAULT_EXAMPLES,
    on_step: Callable[[str], None] | None = None,
) -> Verification:
    """Verify a project or a raw file and write results.json; QualityError when the suite cannot run."""
    step = on_step or (lambda _text: None)
    step("읽는 중 (reading)")
    inputs = open_inputs(target, contract, out_dir)
    document = load_contract(inputs.contract_path)
    runner = open_engine(engine)
    try:
        names = _names(inputs, document)
        tables = _register(runner, names, inputs, document)
        specs = follow_renames(contract_specs(document), document, tables) if document else []
        specs = specs or _suggested_specs(target, tables)
        step("검사 준비 (compiling checks)")
        compiled = compile_suite(specs, tables, runner)
        step("검사 중 (checking)")
        results = run_compiled(runner, compiled, examples)
    finally:
        runner.close()
    data = [
        {"path": item.display, "sha256": item.sha256, "rows": tables[name].rows, "table": name}
        for name, item in sorted(names.items())
    ]
    base = inputs.project_dir
    built = results_document(results, engine=engine, contract=contract_entry(inputs.contract_path, base), data=data)
    path = write_results(built, inputs.out_dir)
    return Verification(built, results, path, inputs)
