"""recipe.yaml: which raw inputs to open and which steps to apply, checked whole before any work.

```yaml
version: 1
inputs: [sources/raw]
steps:
  - type: rename
    why: "헤더를 알아보기 쉽게"
    columns: {Temp: bath_temp}
  - type: filter
    where: "pH > 0"
    allow_row_loss: 0.4
```

Every mistake — an unknown step or setting, a missing column, a wrong type, an unknown unit, split ratios
that do not add up — is reported with the file and line (`recipe.yaml 12번째 줄: …`). YAML is read with
YAML 1.2 booleans (`true`/`false` only — `on:` is a key, not a boolean) and repeated keys are refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mfgdata.prep.errors import RecipeError, StepError, located
from mfgdata.prep.registry import build_step
from mfgdata.prep.schema import Schema
from mfgdata.prep.steps.base import Step

VERSION = 1
DEFAULT_ALLOW_ROW_LOSS = 0.05
_TOP_KEYS = ("version", "inputs", "steps")
_BOOL = "tag:yaml.org,2002:bool"


class LineMap(dict[Any, Any]):
    """A YAML mapping that remembers its line and the line of each key."""

    line: int = 0
    key_lines: dict[Any, int]


class _RepeatedKey(Exception):
    def __init__(self, key: object, line: int) -> None:
        super().__init__(key)
        self.key, self.line = key, line


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans, line numbers on mappings and repeated keys refused."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineMap:
    loader.flatten_mapping(node)
    result = LineMap()
    result.line, result.key_lines = node.start_mark.line + 1, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in result:
            raise _RepeatedKey(key, line)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


@dataclass(frozen=True)
class RecipeStep:
    """One step as written: the built step, where it is, why, and how many rows it may lose."""

    step: Step[Any]
    index: int
    line: int
    why: str | None
    allow_row_loss: float
    settings: dict[str, Any]
    key_lines: dict[str, int] = field(default_factory=dict)

    @property
    def type(self) -> str:
        return self.step.type


@dataclass(frozen=True)
class Recipe:
    """A loaded recipe: its file, the inputs to open and the steps in order."""

    path: Path
    inputs: tuple[str, ...]
    steps: tuple[RecipeStep, ...]
    version: int = VERSION

    def input_paths(self, project_dir: Path) -> list[Path]:
        """The inputs as paths: relative ones are taken from the project folder."""
        return [Path(p) if Path(p).is_absolute() else project_dir / p for p in self.inputs]

    def error(self, recipe_step: RecipeStep, error: StepError) -> RecipeError:
        """`error` located at the line of the setting it names (or of the step)."""
        s = recipe_step
        return _locate(self.path, s.index, s.type, s.line, s.key_lines, error)


def _locate(
    path: Path, index: int, step_type: str, line: int, key_lines: dict[str, int], error: StepError
) -> RecipeError:
    where_ko = f"{index}번째 단계({step_type}) — "
    where_en = f"step {index} ({step_type}): "
    at = key_lines.get(error.setting or "", line)
    return located(error.code, path.name, at, where_ko + error.ko, where_en + error.en)


def _error(path: Path, line: int | None, code: str, ko: str, en: str) -> RecipeError:
    return located(code, path.name, line, ko, en)


def _read(path: Path) -> LineMap:
    if not path.is_file():
        raise _error(
            path,
            None,
            "recipe-missing",
            f"{path} 파일이 없습니다. 'mfgdata init'으로 프로젝트를 만들거나 recipe.yaml을 쓰세요.",
            f"{path} does not exist. Create the project with 'mfgdata init' or write a recipe.yaml.",
        )
    try:
        document = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_Loader)
    except _RepeatedKey as repeated:
        raise _error(
            path,
            repeated.line,
            "repeated-key",
            f"'{repeated.key}' 키가 같은 곳에 두 번 있습니다. 하나만 남기세요.",
            f"The key '{repeated.key}' appears twice in the same place. Keep one.",
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise _error(
            path,
            line,
            "recipe-not-yaml",
            f"YAML 문법이 틀렸습니다({getattr(error, 'problem', error)}). 들여쓰기와 콜론(:)을 확인하세요.",
            f"The YAML is not valid ({getattr(error, 'problem', error)}). Check indentation and colons.",
        ) from None
    if not isinstance(document, LineMap):
        raise _error(
            path,
            1,
            "recipe-not-mapping",
            "레시피는 'version', 'inputs', 'steps' 키를 가진 YAML 문서여야 합니다.",
            "A recipe is a YAML mapping with version, inputs and steps.",
        )
    return document


def _check_top(path: Path, document: LineMap) -> tuple[str, ...]:
    for key in document:
        if key not in _TOP_KEYS:
            raise _error(
                path,
                document.key_lines[key],
                "unknown-recipe-key",
                f"'{key}' 키는 레시피에 쓰지 않습니다. 쓸 수 있는 키: {', '.join(_TOP_KEYS)}",
                f"Unknown recipe key '{key}'. Recipe keys: {', '.join(_TOP_KEYS)}",
            )
    if document.get("version") != VERSION:
        raise _error(
            path,
            document.key_lines.get("version", 1),
            "recipe-version",
            f"'version: {VERSION}'이 있어야 합니다(적힌 값: {document.get('version')!r}).",
            f"The recipe needs 'version: {VERSION}' (found {document.get('version')!r}).",
        )
    inputs = document.get("inputs")
    inputs = [inputs] if isinstance(inputs, str) else inputs
    if not isinstance(inputs, list) or not inputs or not all(isinstance(i, str) and i for i in inputs):
        raise _error(
            path,
            document.key_lines.get("inputs", 1),
            "recipe-inputs",
            "'inputs'에 읽을 원시 파일이나 폴더 경로를 적으세요(예: inputs: [sources/raw]).",
            "List the raw files or folders to read in 'inputs' (e.g. inputs: [sources/raw]).",
        )
    return tuple(inputs)


def _common(path: Path, raw: LineMap) -> tuple[str | None, float]:
    why, allow = raw.get("why"), raw.get("allow_row_loss", DEFAULT_ALLOW_ROW_LOSS)
    if why is not None and not isinstance(why, str):
        raise _error(path, raw.key_lines["why"], "bad-why", "'why'에는 글을 적으세요.", "'why' must be text.")
    if isinstance(allow, bool) or not isinstance(allow, int | float) or not 0 <= allow <= 1:
        raise _error(
            path,
            raw.key_lines.get("allow_row_loss", raw.line),
            "bad-allow-row-loss",
            f"'allow_row_loss'는 0에서 1 사이의 비율입니다(예: 0.4는 40 %). 적힌 값: {allow!r}",
            f"'allow_row_loss' is a share between 0 and 1 (0.4 is 40 %); found {allow!r}.",
        )
    return why, float(allow)


def _steps(path: Path, document: LineMap) -> tuple[RecipeStep, ...]:
    raw_steps = document.get("steps") or []
    if not isinstance(raw_steps, list):
        raise _error(
            path,
            document.key_lines.get("steps", 1),
            "recipe-steps",
            "'steps'는 단계의 목록입니다(각 줄이 '- type: …'로 시작).",
            "'steps' is a list of steps, each starting with '- type: …'.",
        )
    steps: list[RecipeStep] = []
    for index, raw in enumerate(raw_steps, start=1):
        if not isinstance(raw, LineMap):
            raise _error(
                path,
                document.key_lines.get("steps"),
                "recipe-step-not-mapping",
                f"{index}번째 단계가 '키: 값' 형태가 아닙니다.",
                f"Step {index} is not a mapping.",
            )
        why, allow = _common(path, raw)
        try:
            step = build_step(raw)
        except StepError as error:
            raise _locate(path, index, str(raw.get("type")), raw.line, raw.key_lines, error) from None
        settings = {k: v for k, v in raw.items() if k not in ("type", "why", "allow_row_loss")}
        steps.append(RecipeStep(step, index, raw.line, why, allow, settings, raw.key_lines))
    return tuple(steps)


def load_recipe(path: Path) -> Recipe:
    """Read and check a recipe's structure and settings (columns are checked by :func:`plan_recipe`)."""
    document = _read(path)
    inputs = _check_top(path, document)
    return Recipe(path, inputs, _steps(path, document))


def plan_recipe(recipe: Recipe, schema: Schema) -> list[Schema]:
    """The schema after each step, from the input `schema`: [input, after step 1, …].

    Checks every column, type and unit without data; expressions and label files are checked when the
    recipe is bound to the data (:func:`mfgdata.prep.binding.bind_recipe`).
    """
    schemas = [schema]
    for recipe_step in recipe.steps:
        try:
            schemas.append(recipe_step.step.plan(schemas[-1]))
        except StepError as error:
            raise recipe.error(recipe_step, error) from None
    return schemas
