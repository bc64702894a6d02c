"""Loading programme definitions: the shipped files plus a user folder, each validated whole at load time.

A new programme year is a new file ``<kind>-<year>.yaml`` — shipped in ``mfgdata/rules/programmes/`` or put
in a folder given as ``extra_dir`` (or ``$MFGDATA_PROGRAMMES``). A file that breaks the schema or is
inconsistent (points that do not add up, a window that ends before it starts, an unknown fact) is refused
with a :class:`DefinitionError` naming the file, the key and the line. Two files with one id are refused.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml
from pydantic import ValidationError

from mfgdata.rules.consistency import problems
from mfgdata.rules.errors import DefinitionError, definition_error
from mfgdata.rules.programme import Programme, ProgrammeKind
from mfgdata.rules.yamlsource import RepeatedKey, existing_prefix, key_text, line_of, read_yaml

ENVIRONMENT_FOLDER = "MFGDATA_PROGRAMMES"


def shipped_dir() -> Path:
    """The folder of the definitions shipped with mfgdata."""
    return Path(str(resources.files("mfgdata.rules") / "programmes"))


def load_programme(path: Path) -> Programme:
    """One definition file, validated; any problem raises DefinitionError naming the file, key and line."""
    document = _read(path)
    try:
        programme = Programme.model_validate(document)
    except ValidationError as error:
        raise _schema_error(path, document, error) from None
    for problem in problems(programme, path):
        raise definition_error(
            problem.code, path, key_text(problem.key), line_of(document, problem.key), problem.ko, problem.en
        )
    return programme.model_copy(update={"source_path": path})


def load_programmes(extra_dir: Path | None = None) -> list[Programme]:
    """The shipped definitions plus those in `extra_dir` (or ``$MFGDATA_PROGRAMMES``), ordered by kind and year."""
    folders = [shipped_dir()]
    extra = extra_dir if extra_dir is not None else _environment_dir()
    if extra is not None:
        if not extra.is_dir():
            raise definition_error(
                "definition-folder-missing",
                extra,
                "(folder)",
                None,
                "프로그램 정의 폴더가 없습니다. 경로를 확인하세요.",
                "The programme definitions folder does not exist. Check the path.",
            )
        folders.append(extra)
    loaded: dict[str, Programme] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.yaml")):
            programme = _cached(path.resolve(), path.stat().st_mtime_ns)
            if programme.id in loaded:
                raise definition_error(
                    "definition-duplicate-id",
                    path,
                    "id",
                    line_of(read_yaml(path), ("id",)),
                    f"'{programme.id}'는 {loaded[programme.id].source_path}에도 있습니다. 하나만 두세요.",
                    f"'{programme.id}' is also defined in {loaded[programme.id].source_path}. Keep one.",
                )
            loaded[programme.id] = programme
    return sorted(loaded.values(), key=lambda p: (p.kind, p.year))


def find_programme(kind: ProgrammeKind, year: int | None = None, *, extra_dir: Path | None = None) -> Programme | None:
    """The definition of `kind` for `year`, or the newest one of that kind when `year` is None."""
    matching = [p for p in load_programmes(extra_dir) if p.kind == kind and (year is None or p.year == year)]
    return max(matching, key=lambda p: p.year) if matching else None


def get_programme(programme_id: str, *, extra_dir: Path | None = None) -> Programme | None:
    """The definition with this id (``productization-2026``), or None."""
    return next((p for p in load_programmes(extra_dir) if p.id == programme_id), None)


@lru_cache(maxsize=64)
def _cached(path: Path, _mtime_ns: int) -> Programme:
    # Keyed on the modification time so an edited file is read again.
    return load_programme(path)


def _environment_dir() -> Path | None:
    value = os.environ.get(ENVIRONMENT_FOLDER)
    return Path(value) if value else None


def _read(path: Path) -> object:
    try:
        return read_yaml(path)
    except RepeatedKey as repeated:
        raise definition_error(
            "definition-repeated-key",
            path,
            str(repeated.key),
            repeated.line,
            "같은 곳에 키가 두 번 있습니다. 하나만 남기세요.",
            "The key appears twice in the same place. Keep one.",
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise definition_error(
            "definition-not-yaml",
            path,
            "(YAML)",
            mark.line + 1 if mark else None,
            f"YAML 문법이 틀렸습니다({getattr(error, 'problem', error)}). 들여쓰기, 콜론, 따옴표를 확인하세요.",
            f"The YAML is not valid ({getattr(error, 'problem', error)}). Check indentation, colons and quotes.",
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise definition_error(
            "definition-unreadable",
            path,
            "(file)",
            None,
            f"파일을 읽을 수 없습니다({error}). UTF-8 텍스트인지 확인하세요.",
            f"The file cannot be read ({error}). It must be UTF-8 text.",
        ) from None


def _schema_error(path: Path, document: object, error: ValidationError) -> DefinitionError:
    # An unknown key first: a misspelt key also shows up as the missing one it was meant to be.
    first = min(error.errors(include_url=False), key=lambda e: e["type"] != "extra_forbidden")
    kind = first["type"]
    key = tuple(first["loc"]) if kind in ("missing", "extra_forbidden") else existing_prefix(document, first["loc"])
    where, line = key_text(key), line_of(document, key)
    if kind == "missing":
        ko, en = "필수 키가 없습니다. 추가하세요.", "This required key is missing. Add it."
    elif kind == "extra_forbidden":
        ko, en = "모르는 키입니다. 철자를 확인하거나 지우세요.", "Unknown key. Check its spelling or remove it."
    else:
        ko = f"값이 맞지 않습니다: {first['msg']} (적힌 값: {first.get('input')!r})"
        en = f"Invalid value: {first['msg']} (found {first.get('input')!r})"
    more = len(error.errors()) - 1
    if more:
        ko, en = f"{ko} (그 밖에 {more}개 문제)", f"{en} ({more} more problems)"
    return definition_error(f"definition-{kind.replace('_', '-')}", path, where, line, ko, en)
