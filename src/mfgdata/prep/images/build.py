"""`mfgdata build` for a folder of images: a manifest through the table steps, then the image files.

```
build/data/images/<split>/<label>/<name>     ← the images, after resize-images / convert-images / strip-exif
build/data/<slug>.parquet, <slug>.csv        ← the final manifest (with output_path and written size, hash)
build/lineage.json
```

The recipe's table steps (`split`, `filter`, `drop-duplicates` …) run on the manifest with the tabular
runner, so row-loss guards, counts and errors work as for tables. Image steps are then applied to each
image, in recipe order, as it is written. Unreadable images are left out and listed in the lineage.
Everything is written to a staging folder and swapped in as the tabular build does.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb

from mfgdata.dataset.images import looks_like_image_collection, open_image_collection
from mfgdata.prep.binding import BoundRecipe, bind_recipe, describe_schema, input_schema
from mfgdata.prep.build import BUILD_DIR, BuildResult, slug_of
from mfgdata.prep.engine import count_rows
from mfgdata.prep.errors import StepError
from mfgdata.prep.images.base import ImageStep, is_image_step
from mfgdata.prep.images.manifest import Manifest, combined_sha256, open_manifest
from mfgdata.prep.images.write import IMAGES, Placement, WrittenImage, write_images
from mfgdata.prep.lineage import lineage_document, relative, write_lineage
from mfgdata.prep.output_contract import output_contract, write_output_contract
from mfgdata.prep.outputs import CONTRACT, DATA, LINEAGE, OutputFile, publish, write_data
from mfgdata.prep.recipe import Recipe, RecipeStep, plan_recipe
from mfgdata.prep.run import Run, StepReport, read_input, run_steps
from mfgdata.prep.schema import ROW, Field, Schema, quote

FINAL = "__mfgdata_image_manifest"
WRITTEN = "__mfgdata_written_images"
_REPLACED = ("format", "width", "height", "bytes", "sha256")  # describe the written file, not the source
_ADDED = ("output_path", "source_sha256")


def is_image_input(paths: Sequence[Path]) -> bool:
    """Whether the recipe's inputs are one folder of images."""
    return len(paths) == 1 and paths[0].is_dir() and looks_like_image_collection(paths[0])


def _image_steps(recipe: Recipe) -> list[RecipeStep]:
    """The recipe's image steps, their settings checked (a located RecipeError otherwise)."""
    found = [s for s in recipe.steps if is_image_step(s.step)]
    for recipe_step in found:
        try:
            if isinstance(recipe_step.step, ImageStep):
                recipe_step.step.check()
        except StepError as error:
            raise recipe.error(recipe_step, error) from None
    return found


def _bind(recipe: Recipe, manifest: Manifest, project_dir: Path) -> BoundRecipe:
    plan_recipe(recipe, input_schema(manifest.dataset))
    bound = bind_recipe(recipe, manifest.dataset, project_dir)
    if bound.output_schema.find("path") is None:
        last = recipe.steps[-1]
        raise recipe.error(
            last,
            StepError(
                "image-path-removed",
                "이미지 빌드에는 'path' 열이 끝까지 남아 있어야 합니다. 'path'를 지우거나 바꾸는 단계를 고치세요.",
                "An image build needs the 'path' column to the end. Fix the step that removes or renames it.",
            ),
        )
    return bound


def _image_reports(image_steps: list[RecipeStep], rows: int, changed: Sequence[int] | None) -> list[StepReport]:
    return [
        StepReport(
            index=s.index,
            type=s.type,
            why=s.why,
            line=s.line,
            rows_in=rows,
            rows_out=rows,
            columns_added=(),
            columns_removed=(),
            counts={} if changed is None else {"images_changed": changed[i]},
        )
        for i, s in enumerate(image_steps)
    ]


def _placements(con: duckdb.DuckDBPyConnection, run: Run, schema: Schema) -> list[Placement]:
    def column(name: str) -> str:
        return quote(name) if schema.find(name) is not None else "NULL"

    query = f"SELECT path, {column('split')}, {column('label')} FROM {run.table} ORDER BY {run.order}"
    return [Placement(str(p), s, lb) for p, s, lb in con.execute(query).fetchall()]


def _final_table(
    con: duckdb.DuckDBPyConnection, run: Run, schema: Schema, written: list[WrittenImage], manifest: Manifest
) -> Schema:
    """The manifest as built: the run's columns, written format/size/hash, output path and source hash.

    Its rows are numbered in the run's order (a deferred sort leaves the run's row numbers unsorted).
    """
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {WRITTEN} (path VARCHAR, output_path VARCHAR, format VARCHAR, "
        "width INTEGER, height INTEGER, bytes BIGINT, sha256 VARCHAR, source_sha256 VARCHAR)"
    )
    rows = [
        (w.path, w.output_path, w.format, w.width, w.height, w.bytes, w.sha256, manifest.sha256[w.path])
        for w in written
    ]
    if rows:
        con.executemany(f"INSERT INTO {WRITTEN} VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    pairs = [(n, "w" if n in _REPLACED else "t") for n in schema.names]
    pairs += [(n, "w") for n in _ADDED if schema.find(n) is None]
    select = ", ".join(f"{alias}.{quote(n)} AS {quote(n)}" for n, alias in pairs)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {FINAL} AS SELECT {select}, t.{quote(ROW)} "
        f"FROM (SELECT * REPLACE (row_number() OVER (ORDER BY {run.order}) AS {quote(ROW)}) FROM {run.table}) AS t "
        f"JOIN {WRITTEN} AS w ON t.path = w.path"
    )
    described = con.execute(f"DESCRIBE {FINAL}").fetchall()
    origins = {f.name: f.origin for f in schema.fields}
    return schema.with_fields(
        Field(str(r[0]), str(r[1]), origin=origins.get(str(r[0]))) for r in described if r[0] != ROW
    )


def _images_output(written: list[WrittenImage], folder: Path) -> OutputFile:
    return OutputFile(
        path=f"{DATA}/{IMAGES}",
        format="images",
        sha256=combined_sha256([w.sha256 for w in written]),
        bytes=sum(w.bytes for w in written),
        rows=len(written),
    )


def _lineage(
    bound: BoundRecipe, recipe: Recipe, run: Run, manifest: Manifest, final: Schema, outputs: list[OutputFile],
    project_dir: Path,
) -> dict[str, Any]:  # fmt: skip
    document = lineage_document(
        bound=replace(bound, recipe=recipe), run=run, source=manifest.dataset.source, outputs=outputs,
        project_dir=project_dir,
    )  # fmt: skip
    folder = {
        "path": relative(manifest.dataset.source.paths[0], project_dir),
        "role": "images",
        "sha256": manifest.collection_sha256,
        "bytes": manifest.collection_bytes,
        "files": manifest.files,
    }
    document["inputs"] = [folder, *document["inputs"]]
    document["skipped_images"] = {
        "count": len(manifest.skipped),
        "files": [{"path": r.path, "reason": r.error} for r in manifest.skipped],
    }
    document["schema"] = describe_schema(final)
    return document


def build_images(
    project_dir: Path,
    recipe: Recipe,
    *,
    dry_run: bool,
    on_step: Callable[[StepReport], None] | None,
    started: float,
) -> BuildResult:
    """Build an image recipe (see the module docstring); `build_recipe` calls this for image inputs."""
    image_steps = _image_steps(recipe)
    table_recipe = replace(recipe, steps=tuple(s for s in recipe.steps if not is_image_step(s.step)))
    manifest = open_manifest(open_image_collection(recipe.input_paths(project_dir)[0]))
    con = manifest.dataset.con
    try:
        bound = _bind(table_recipe, manifest, project_dir)
        read_input(con)
        run = run_steps(con, bound, stop_on_row_loss=not dry_run, on_step=on_step)
        if dry_run:
            reports = _image_reports(image_steps, count_rows(con, run.table), None)
            return BuildResult(
                tuple(sorted((*run.steps, *reports), key=lambda r: r.index)),
                bound.output_schema,
                run.rows_read,
                dry_run=True,
                seconds=time.perf_counter() - started,
            )
        steps = [s.step for s in image_steps if isinstance(s.step, ImageStep)]
        result: dict[str, Any] = {}

        def write(staging: Path) -> tuple[OutputFile, ...]:
            placements = _placements(con, run, bound.output_schema)
            written, changed = write_images(
                Path(manifest.dataset.source.paths[0]), placements, manifest.records, steps, staging / DATA
            )
            final = _final_table(con, run, bound.output_schema, written, manifest)
            outputs = write_data(con, FINAL, final, staging / DATA, slug_of(project_dir))
            contract = output_contract(
                con=con, table=FINAL, project_dir=project_dir, bound=bound, schema=final, outputs=outputs,
                rows=len(written),
            )  # fmt: skip
            write_output_contract(staging / CONTRACT, contract)
            outputs.append(_images_output(written, staging / DATA))
            reports = _image_reports(image_steps, len(written), changed)
            all_reports = tuple(sorted((*run.steps, *reports), key=lambda r: r.index))
            document = _lineage(bound, recipe, replace(run, steps=all_reports), manifest, final, outputs, project_dir)
            write_lineage(staging / LINEAGE, document)
            result.update(reports=all_reports, schema=final)
            for report in reports:
                if on_step is not None:
                    on_step(report)
            return tuple(outputs)

        build_dir = project_dir / BUILD_DIR
        outputs = publish(build_dir, write)
    finally:
        manifest.dataset.close()
    return BuildResult(
        result["reports"],
        result["schema"],
        run.rows_read,
        outputs=outputs,
        lineage_path=build_dir / LINEAGE,
        seconds=time.perf_counter() - started,
    )
