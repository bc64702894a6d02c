"""`pseudonymise`: replace identifiers (operator, customer, serial numbers) by keyed hashes.

Each value becomes the first 16 hex characters of HMAC-SHA256(key, value as text); missing stays
missing. The same value and key always give the same pseudonym, so joins and counts still work, but the
original cannot be recovered without the key. The key comes from the environment or the user's config
folder (see :mod:`mfgdata.prep.pseudonym_key`); it is held only in a temporary table of the build's
connection as the HMAC inner/outer pads, never in the SQL text, the outputs or the lineage.
HMAC is written in SQL from `sha256` and `unhex` (DuckDB; Spark has `sha2` and `unhex`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Any

from mfgdata.prep.errors import StepError
from mfgdata.prep.pseudonym_key import load_key
from mfgdata.prep.schema import ROW, Schema, quote, select_list
from mfgdata.prep.steps.base import Step, StepContext
from mfgdata.prep.steps.select import distinct_columns

KEY_TABLE = "__mfgdata_pseudonym_key"
_BLOCK = 64  # SHA-256 block size in bytes
LENGTH = 16


def _pads(key: bytes) -> tuple[bytes, bytes]:
    """HMAC inner and outer pads (RFC 2104) for `key`."""
    if len(key) > _BLOCK:
        key = hashlib.sha256(key).digest()
    block = key.ljust(_BLOCK, b"\0")
    return bytes(b ^ 0x36 for b in block), bytes(b ^ 0x5C for b in block)


def _hmac(name: str) -> str:
    """SQL for the truncated HMAC-SHA256 of a column's text, with the pads of the key table `k`."""
    message = f"encode(CAST(s.{quote(name)} AS VARCHAR))"
    inner = f"unhex(sha256(k.inner_pad || {message}))"
    return f"substr(sha256(k.outer_pad || {inner}), 1, {LENGTH})"


@dataclass(frozen=True)
class PseudonymiseSettings:
    """columns: the identifier columns to replace by keyed hashes."""

    columns: tuple[str, ...]


class Pseudonymise(Step[PseudonymiseSettings]):
    """Replace identifiers by keyed hashes."""

    type = "pseudonymise"
    settings_type = PseudonymiseSettings

    def is_row_wise(self) -> bool:
        return True

    def prepare(self, context: StepContext) -> None:
        inner, outer = _pads(load_key())
        context.con.execute(
            f"CREATE OR REPLACE TEMP TABLE {KEY_TABLE} AS SELECT ?::BLOB AS inner_pad, ?::BLOB AS outer_pad",
            [inner, outer],
        )

    def plan(self, schema: Schema) -> Schema:
        load_key()
        distinct_columns(self.settings.columns)
        for name in self.settings.columns:
            field = schema.require(name, "columns")
            if field.kind not in {"string", "integer", "unknown"}:
                raise StepError(
                    "not-an-identifier",
                    f"'{name}' 열은 {field.type} 형식이라 식별자로 보기 어렵습니다. "
                    "가명처리는 글자나 정수 열에 씁니다.",
                    f"Column '{name}' is {field.type}; pseudonymise text or integer identifiers.",
                    "columns",
                )
            schema = schema.replaced(name, replace(field, type="VARCHAR", unit=None))
        return schema

    def sql(self, source: str, schema: Schema) -> str:
        pairs = [(name, _hmac(name) if name in self.settings.columns else f"s.{quote(name)}") for name in schema.names]
        return f"SELECT {select_list(pairs, f's.{quote(ROW)}')} FROM {source} AS s CROSS JOIN {KEY_TABLE} AS k"

    def column_notes(self, schema: Schema) -> dict[str, dict[str, Any]]:
        return {name: {"pseudonymised": "hmac-sha256-16"} for name in self.settings.columns}

    def changed_columns(self, schema: Schema) -> tuple[str, ...]:
        return self.settings.columns
