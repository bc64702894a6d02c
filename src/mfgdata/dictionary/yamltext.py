"""YAML text with comments: sections of plain data, each dumped by PyYAML, with comment lines between.

PyYAML cannot write comments, and the files `init` writes are meant to be read and edited by people, so
each file is built from `(comments, mapping)` sections. The result is still plain YAML that loads back
to the same data.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

Section = tuple[Sequence[str], dict[str, Any]]


def dump(data: Any) -> str:
    """Block-style YAML, keys in the given order, Hangul kept readable."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110, default_flow_style=False)


def commented(sections: Sequence[Section]) -> str:
    """The sections joined into one YAML document; each comment line is written as `# line`."""
    parts = []
    for comments, mapping in sections:
        lines = "".join(f"# {line}\n" if line else "#\n" for line in comments)
        parts.append(lines + (dump(mapping) if mapping else ""))
    return "".join(parts)
