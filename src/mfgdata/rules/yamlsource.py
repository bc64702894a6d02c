"""Reading a definition file as YAML that remembers where every key and list item is.

YAML 1.2 booleans only (``on:``/``yes`` stay text), no sexagesimal numbers (``17:00`` is not 1020), and a
repeated key is refused. :func:`line_of` turns a key path such as ``("evaluation", "sections", 1, "points")``
into the line it is written on, so errors can point at it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"


class LineMap(dict[Any, Any]):
    """A mapping with the line of itself and of each key."""

    line: int = 0
    key_lines: dict[Any, int]


class LineList(list[Any]):
    """A sequence with the line of itself and of each item."""

    line: int = 0
    item_lines: list[int]


class RepeatedKey(Exception):
    """The same key twice in one mapping."""

    def __init__(self, key: object, line: int) -> None:
        super().__init__(key)
        self.key, self.line = key, line


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans and numbers, line numbers, repeated keys refused."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (_BOOL, _INT, _FLOAT)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Loader.add_implicit_resolver(_INT, re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_Loader.add_implicit_resolver(
    _FLOAT, re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"), list("-+0123456789.")
)


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineMap:
    loader.flatten_mapping(node)
    result = LineMap()
    result.line, result.key_lines = node.start_mark.line + 1, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in result:
            raise RepeatedKey(key, line)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def read_yaml(path: Path) -> Any:
    """The document in `path` (UTF-8, BOM allowed); YAML errors and repeated keys propagate."""
    return yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_Loader)


def line_of(document: Any, key_path: Sequence[str | int]) -> int | None:
    """The line of the deepest part of `key_path` found in `document` (None when nothing is found)."""
    line: int | None = getattr(document, "line", None)
    node = document
    for part in key_path:
        if isinstance(node, LineMap) and part in node:
            line, node = node.key_lines[part], node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and 0 <= part < len(node):
            line, node = node.item_lines[part], node[part]
        else:
            break
    return line


def existing_prefix(document: Any, key_path: Sequence[str | int]) -> tuple[str | int, ...]:
    """The longest start of `key_path` present in `document` (drops the type tags a validator adds)."""
    node, found = document, []
    for part in key_path:
        in_mapping = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not (in_mapping or in_list):
            break
        found.append(part)
        node = node[part]
    return tuple(found)


def key_text(key_path: Sequence[str | int]) -> str:
    """``("evaluation", "sections", 1, "points")`` → ``evaluation.sections[1].points``."""
    text = ""
    for part in key_path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(문서 전체 / whole document)"
