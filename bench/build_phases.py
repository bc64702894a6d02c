"""The build benchmark's phase table: one `mfgdata build` run in this process, each phase (input, each table of
the run with its SQL and its accounting, the writes, the contract, the hashes) timed with the peak RSS so far.
Used by `build_bench.py` when the target is missed or `--phases` is given."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from pathlib import Path

import duckdb


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _Timer:
    """Wall seconds per phase of one in-process build, with the process's peak RSS after each phase."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, float, float]] = []

    def phase(self, name: str, work: Callable[[], object]) -> object:
        started = time.perf_counter()
        result = work()
        self.rows.append((name, time.perf_counter() - started, _peak_mib()))
        return result


def _accounted(module: object, name: str, spent: list[float]) -> None:
    """Wrap `module.name` so that its wall time is added to `spent[0]`."""
    original = getattr(module, name)

    def timed(*args: object, **kwargs: object) -> object:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - started

    setattr(module, name, timed)


def _segment_name(segment: tuple) -> str:
    """The label of one table of the run: a step, or a fused run of steps, for the phase table."""
    first, last = segment[0].recipe_step, segment[-1].recipe_step
    if len(segment) == 1:
        return f"step {first.index} `{first.step.type}`"
    return f"steps {first.index}–{last.index} (`{first.step.type}` … `{last.step.type}`), one table"


def _run_timed_steps(timer: _Timer, con: duckdb.DuckDBPyConnection, bound: object, source: str) -> object:
    """Run the steps, each table (a fused run of steps, see `run.segments`) split into its SQL and its
    accounting (row counts, changed values, counts); a sort left to the last table shows in that table."""
    from mfgdata.prep import run as run_module

    spent, seconds = [0.0], [0.0]
    for name in ("count_rows", "_changes", "_extra_counts"):
        _accounted(run_module, name, spent)
    last_of = {segment[-1].recipe_step.index: segment for segment in run_module.segments(bound.steps)}

    def on_step(report: run_module.StepReport) -> None:
        seconds[0] += report.seconds
        segment = last_of.get(report.index)
        if segment is None:
            return
        name = _segment_name(segment)
        timer.rows.append((f"{name}: SQL", seconds[0] - spent[0], _peak_mib()))
        timer.rows.append((f"{name}: accounting", spent[0], _peak_mib()))
        spent[0] = seconds[0] = 0.0

    return run_module.run_steps(con, bound, source=source, on_step=on_step)


def time_phases(project: Path) -> list[tuple[str, float, float]]:
    """Time `build_recipe`'s phases in this process (same calls, same order, lineage file left out)."""
    from mfgdata.dataset import open_dataset
    from mfgdata.hashing import sha256_of
    from mfgdata.prep.binding import bind_recipe, input_schema
    from mfgdata.prep.output_contract import output_contract
    from mfgdata.prep.outputs import _csv_source, _write_csv, _write_parquet
    from mfgdata.prep.recipe import load_recipe, plan_recipe
    from mfgdata.prep.run import read_input
    from mfgdata.prep.schema import quote

    timer, out = _Timer(), project / "phases"
    out.mkdir(exist_ok=True)
    recipe = load_recipe(project / "recipe.yaml")
    with timer.phase("open input", lambda: open_dataset(recipe.input_paths(project))) as dataset:
        con = dataset.con
        bound = timer.phase(
            "validate + bind recipe",
            lambda: (plan_recipe(recipe, input_schema(dataset)), bind_recipe(recipe, dataset, project)),
        )[1]
        from_file = dataset.numbered  # one Parquet file: the steps read it (build.py does the same)
        name = "input: the Parquet file, read by the first table" if from_file else "read input into a table"
        source = str(timer.phase(name, lambda: read_input(con, from_file=from_file)))
        run = _run_timed_steps(timer, con, bound, source)
        query = f"SELECT {', '.join(quote(n) for n in bound.output_schema.names)} FROM {run.table}"  # in row order
        timer.phase("write Parquet", lambda: _write_parquet(con, query, out / "p.parquet"))
        parquet = out / "p.parquet"
        timer.phase(
            "write CSV (from the Parquet file)",
            lambda: _write_csv(con, _csv_source(con, query, parquet), out / "p.csv"),
        )
        timer.phase(
            "build contract (recount missing and unique values)",
            lambda: output_contract(
                con=con, table=run.table, project_dir=project, bound=bound, schema=bound.output_schema,
                outputs=[], rows=run.steps[-1].rows_out,
            ),
        )  # fmt: skip
        timer.phase("sha256 of both outputs", lambda: [sha256_of(out / n) for n in ("p.parquet", "p.csv")])
    return timer.rows


def phases_section(project: Path) -> str:
    """The phase breakdown for the doc, timed before anything else grows this process's peak RSS."""
    print("timing the build's phases in one process …")
    try:
        rows = time_phases(project)
    except Exception as error:  # the figures of the child processes still count
        return f"Timing the phases failed: {str(error).splitlines()[0][:300]}\n"
    return "Where the time goes (the same build, phases timed in one process):\n\n" + phases_table(rows) + "\n"


def phases_table(rows: list[tuple[str, float, float]]) -> str:
    total = sum(seconds for _, seconds, _ in rows)
    lines = ["| phase (one process) | wall s | share | peak RSS so far MiB |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| {name} | {s:.2f} | {s / total:.0%} | {rss:,.0f} |" for name, s, rss in rows]
    lines.append(f"| **total** | **{total:.2f}** | 100% | |")
    return "\n".join(lines)
