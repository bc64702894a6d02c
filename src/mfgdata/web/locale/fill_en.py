"""Fills `en/LC_MESSAGES/django.po` from the Korean msgids (`make messages` runs it after makemessages).

The interface is written in Korean; the tables beside this file (en_*.py, one per area) are its English. A msgid
missing from them stays untranslated (shown in Korean) and is listed when the script runs.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from en_marketplace import MARKETPLACE
from en_orders import ORDERS
from en_oversight import OVERSIGHT
from en_programmes import PROGRAMMES


def merged(*tables: dict[str, str]) -> dict[str, str]:
    """One table from the areas' tables; a msgid is one string everywhere, so it may have only one English."""
    everything: dict[str, str] = {}
    for table in tables:
        twice = sorted(msgid for msgid in table if msgid in everything and everything[msgid] != table[msgid])
        if twice:
            raise SystemExit(f"translated differently in two tables: {twice}")
        everything.update(table)
    return everything


EN = merged(MARKETPLACE, ORDERS, PROGRAMMES, OVERSIGHT)
PLURAL = {"%(total)s개 상품": ("%(total)s product", "%(total)s products")}
_QUOTED = r'(?:"(?:[^"\\]|\\.)*"\n)+'
_ENTRY = re.compile(rf"msgid ({_QUOTED})(msgid_plural {_QUOTED})?((?:msgstr(?:\[\d\])? {_QUOTED})+)")


def _text(quoted: str) -> str:
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', quoted))


def fill(po: Path) -> list[str]:
    missing: list[str] = []

    def replace(match: re.Match[str]) -> str:
        msgid = _text(match.group(1))
        if not msgid:
            return match.group(0)
        if match.group(2):
            one, many = PLURAL.get(msgid, ("", ""))
            return f'msgid {match.group(1)}{match.group(2)}msgstr[0] "{one}"\nmsgstr[1] "{many}"\n'
        if msgid not in EN:
            missing.append(msgid)
            return match.group(0)
        return f'msgid {match.group(1)}msgstr "{EN[msgid]}"\n'

    text = re.sub(r"^#, fuzzy\n|^#\| .*\n", "", po.read_text(encoding="utf-8"), flags=re.MULTILINE)
    po.write_text(_ENTRY.sub(replace, text), encoding="utf-8")
    return missing


if __name__ == "__main__":
    left = fill(Path(sys.argv[1]))
    for msgid in left:
        print(f"untranslated: {msgid}")
