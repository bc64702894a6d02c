"""Refuse user SQL that is not a plain row-level expression, before any engine sees it.

A cross-column rule is one boolean expression over the columns of a row (`set_temp <= max_temp`). Text
that could write, read files, change settings or run a second statement is refused: statement keywords
(DROP, COPY, ATTACH, INSERT, …), sub-queries (SELECT, FROM), file readers (`read_csv`, `glob`, …),
statement separators and comments. String literals and quoted names are blanked first so a column called
"drop rate" or the text 'COPY' is allowed.
"""

from __future__ import annotations

import re

from mfgdata.quality.errors import quality_error

_STATEMENT_WORDS = (
    "DROP COPY ATTACH DETACH INSERT UPDATE DELETE CREATE ALTER TRUNCATE MERGE GRANT REVOKE PRAGMA INSTALL LOAD "
    "EXPORT IMPORT CALL SET RESET USE CHECKPOINT VACUUM SELECT FROM WITH UNION INTO EXECUTE DESCRIBE SHOW "
    "SUMMARIZE REFRESH CACHE UNCACHE MSCK"
)
FORBIDDEN_WORDS = frozenset(_STATEMENT_WORDS.split())
_FILE_FUNCTIONS = re.compile(r"^(read_\w*|glob|sniff_csv|parquet_\w+|iceberg_\w+|delta_scan|query|query_table)$", re.I)
_QUOTED = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|`(?:[^`]|``)*`")
_WORD = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")


def refuse_unsafe(expression: str, check_id: str) -> None:
    """Raise QualityError when `expression` is anything but a row-level expression."""
    if not expression.strip():
        raise _refused(check_id, "비어 있습니다", "it is empty")
    blanked = _QUOTED.sub("''", expression)
    if ";" in blanked or "--" in blanked or "/*" in blanked:
        raise _refused(check_id, "세미콜론이나 주석이 있습니다", "it has a semicolon or a comment")
    for word in _WORD.findall(blanked):
        if word.upper() in FORBIDDEN_WORDS:
            raise _refused(check_id, f"'{word}'는 쓸 수 없습니다", f"'{word}' is not allowed")
        if _FILE_FUNCTIONS.match(word):
            raise _refused(check_id, f"파일을 읽는 '{word}'는 쓸 수 없습니다", f"'{word}' reads files")


def _refused(check_id: str, why_ko: str, why_en: str) -> Exception:
    return quality_error(
        "unsafe-sql",
        f"검사 '{check_id}'의 SQL 규칙을 거부했습니다: {why_ko}. 한 행의 열만 비교하는 참/거짓 식을 적으세요 "
        "(예: set_temp <= max_temp).",
        f"The SQL rule of check '{check_id}' is refused: {why_en}. Write one true/false expression over the "
        "columns of a row (e.g. set_temp <= max_temp).",
    )
