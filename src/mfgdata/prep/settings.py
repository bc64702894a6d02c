"""A step's settings from its recipe mapping: a frozen dataclass, refusing unknown keys and wrong values.

Field types say what is accepted: `str`, `int`, `float`, `bool`, `Literal[...]`, `tuple[X, ...]` (a YAML
list; one bare value counts as a list of one), `dict[str, X]` (a YAML mapping) and unions of these with
`None`. A field whose recipe key is not a Python name (`from`) says so in its metadata: `{"key": "from"}`.
"""

from __future__ import annotations

import dataclasses
import difflib
import types
import typing
from collections.abc import Mapping
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

from mfgdata.prep.errors import StepError

T = TypeVar("T")
KEY = "key"


def recipe_key(field: dataclasses.Field[Any]) -> str:
    """The key a recipe uses for a settings field."""
    return str(field.metadata.get(KEY, field.name))


def setting_keys(cls: type) -> list[str]:
    """The recipe keys a settings class accepts, in declaration order."""
    return [recipe_key(f) for f in dataclasses.fields(cls)]


def parse_settings(cls: type[T], mapping: Mapping[str, Any], step_type: str) -> T:
    """Build settings of class `cls` (a dataclass) from a recipe mapping; raise StepError on any mistake."""
    hints = typing.get_type_hints(cls)
    fields = {recipe_key(f): f for f in dataclasses.fields(typing.cast(Any, cls))}  # settings are dataclasses
    for key in mapping:
        if key not in fields:
            raise _unknown_key(str(key), step_type, list(fields))
    values: dict[str, Any] = {}
    for key, field in fields.items():
        if key in mapping:
            values[field.name] = _coerce(mapping[key], hints[field.name], key)
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise StepError(
                "missing-setting",
                f"'{step_type}' 단계에 '{key}' 설정이 없습니다.",
                f"The '{step_type}' step needs a '{key}' setting.",
                key,
            )
    return cls(**values)


def _unknown_key(key: str, step_type: str, known: list[str]) -> StepError:
    close = difflib.get_close_matches(key, known, n=1)
    hint_ko = f" '{close[0]}'의 오타인가요?" if close else ""
    hint_en = f" Did you mean '{close[0]}'?" if close else ""
    listed = ", ".join(known)
    return StepError(
        "unknown-setting",
        f"'{step_type}' 단계에는 '{key}' 설정이 없습니다.{hint_ko} 쓸 수 있는 설정: {listed}, why, allow_row_loss",
        f"The '{step_type}' step has no setting '{key}'.{hint_en} Its settings: {listed}, why, allow_row_loss",
        key,
    )


def _describe(hint: Any) -> tuple[str, str]:
    """What a type accepts, in Korean and English."""
    origin, args = get_origin(hint), get_args(hint)
    if origin is Literal:
        listed = ", ".join(str(a) for a in args)
        return f"{listed} 중 하나", f"one of {listed}"
    if origin in (Union, types.UnionType):
        parts = [_describe(a) for a in args if a is not type(None)]
        return " 또는 ".join(p[0] for p in parts), " or ".join(p[1] for p in parts)
    if origin is tuple:
        return "목록", "a list"
    if origin is dict:
        return "'이름: 값' 짝", "a mapping of name: value"
    simple = {
        str: ("글자", "text"),
        int: ("정수", "an integer"),
        float: ("숫자", "a number"),
        bool: ("true 또는 false", "true or false"),
    }
    return simple.get(hint, (str(hint), str(hint)))


def _wrong(value: Any, hint: Any, key: str) -> StepError:
    ko, en = _describe(hint)
    return StepError(
        "bad-setting-value",
        f"'{key}' 설정 값이 맞지 않습니다. 필요한 값: {ko}. 적힌 값: {value!r}",
        f"Setting '{key}' must be {en}; found {value!r}.",
        key,
    )


def _coerce(value: Any, hint: Any, key: str) -> Any:
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        for option in (a for a in args if a is not type(None)):
            try:
                return _coerce(value, option, key)
            except StepError:
                continue
        raise _wrong(value, hint, key)
    if origin is Literal:
        if value is None and "null" in args:
            return "null"  # `action: null` is YAML's null, but the user means the choice called null
        if value in args:
            return value
        raise _wrong(value, hint, key)
    if origin is tuple:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            raise _wrong(value, hint, key)
        return tuple(_coerce(item, args[0], key) for item in items)
    if origin is dict:
        if not isinstance(value, Mapping):
            raise _wrong(value, hint, key)
        return {_coerce(k, str, key): _coerce(v, args[1], key) for k, v in value.items()}
    return _scalar(value, hint, key)


def _scalar(value: Any, hint: Any, key: str) -> Any:
    if hint is bool and isinstance(value, bool):
        return value
    if isinstance(value, bool):
        raise _wrong(value, hint, key)
    if hint is int and isinstance(value, int):
        return value
    if hint is float and isinstance(value, int | float):
        return float(value)
    if hint is str and isinstance(value, str | int | float):
        return str(value)
    raise _wrong(value, hint, key)
