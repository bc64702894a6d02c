"""Licences a product can carry, and what each allows: commercial use, derivatives, distribution.

product.yaml names a licence by its SPDX id (`licence: CC-BY-4.0`) or describes one in full
(`licence: {id: LicenseRef-…, name: …, url: …, commercial_use: …, derivatives: …}`). A package is always
prepared (split, converted, resized) data, i.e. a derivative: a licence that forbids derivatives makes
the package *not distributable* — it can be built locally for testing, never priced or listed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from mfgdata.packaging.errors import package_error

PLACEHOLDERS = {"", "to be chosen", "tbd", "none", "미정"}


@dataclass(frozen=True)
class Licence:
    """A licence and the permissions packaging and pricing act on."""

    id: str
    name: str
    url: str
    commercial_use: bool
    derivatives: bool
    attribution: bool = True

    @property
    def distributable(self) -> bool:
        """A package (prepared data) may be sold or shared only when derivatives are allowed."""
        return self.derivatives

    def to_manifest(self) -> dict[str, Any]:
        """The manifest's `product.licence` object."""
        entry = asdict(self)
        entry["distributable"] = self.distributable
        return entry


def _cc(code: str, name: str, *, commercial: bool, derivatives: bool) -> Licence:
    slug = code.lower().removeprefix("cc-").removesuffix("-4.0")
    return Licence(f"{code}", name, f"https://creativecommons.org/licenses/{slug}/4.0/", commercial, derivatives)


KNOWN: dict[str, Licence] = {
    licence.id: licence
    for licence in (
        Licence(
            "CC0-1.0", "CC0 1.0 Universal", "https://creativecommons.org/publicdomain/zero/1.0/", True, True, False
        ),
        _cc("CC-BY-4.0", "Creative Commons Attribution 4.0", commercial=True, derivatives=True),
        _cc("CC-BY-SA-4.0", "Creative Commons Attribution-ShareAlike 4.0", commercial=True, derivatives=True),
        _cc("CC-BY-ND-4.0", "Creative Commons Attribution-NoDerivatives 4.0", commercial=True, derivatives=False),
        _cc("CC-BY-NC-4.0", "Creative Commons Attribution-NonCommercial 4.0", commercial=False, derivatives=True),
        _cc(
            "CC-BY-NC-SA-4.0",
            "Creative Commons Attribution-NonCommercial-ShareAlike 4.0",
            commercial=False,
            derivatives=True,
        ),
        _cc(
            "CC-BY-NC-ND-4.0",
            "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0",
            commercial=False,
            derivatives=False,
        ),
        Licence(
            "ODbL-1.0",
            "Open Data Commons Open Database License 1.0",
            "https://opendatacommons.org/licenses/odbl/1-0/",
            True,
            True,
        ),
        Licence(
            "LicenseRef-mfgdata-trade",
            "데이터 거래 이용허락 (데이터 거래 표준계약서) / Data licence under the standard data-trade contract",
            "TERMS.md",
            True,
            True,
        ),
    )
}
_ALIASES = {key.lower(): key for key in KNOWN} | {
    "cc by 4.0": "CC-BY-4.0",
    "cc by-nc-nd 4.0": "CC-BY-NC-ND-4.0",
    "cc by-nc 4.0": "CC-BY-NC-4.0",
}


def _missing(where: Path) -> Exception:
    known = ", ".join(sorted(KNOWN))
    return package_error(
        "licence-missing",
        where,
        f"product.yaml에 라이선스가 없습니다. 'licence:'에 {known} 중 하나를 쓰거나 id·name·url·commercial_use·"
        "derivatives를 적으세요. 라이선스 없는 데이터는 상품으로 만들 수 없습니다.",
        f"product.yaml has no licence. Set 'licence:' to one of {known}, or describe one with id, name, url, "
        "commercial_use and derivatives. Data without a licence cannot become a product.",
    )


def _described(entry: dict[str, Any], where: Path) -> Licence:
    known = KNOWN.get(_ALIASES.get(str(entry.get("id", "")).lower(), ""))
    if known is not None and set(entry) <= {"id"}:
        return known
    needed = ("id", "name", "commercial_use", "derivatives")
    absent = [key for key in needed if key not in entry or entry[key] in (None, "")]
    if absent:
        raise package_error(
            "licence-incomplete",
            where,
            f"product.yaml의 licence에 {', '.join(absent)} 항목이 없습니다. 모두 적어 주세요.",
            f"The licence in product.yaml lacks {', '.join(absent)}; fill them in.",
        )
    return Licence(
        str(entry["id"]),
        str(entry["name"]),
        str(entry.get("url") or "TERMS.md"),
        bool(entry["commercial_use"]),
        bool(entry["derivatives"]),
        bool(entry.get("attribution", True)),
    )


def licence_of(product: dict[str, Any], where: Path) -> Licence:
    """The product's licence; PackageError when it is missing, a placeholder, unknown or incomplete."""
    value = product.get("licence")
    if isinstance(value, dict):
        return _described(value, where)
    text = str(value or "").strip()
    if text.lower() in PLACEHOLDERS:
        raise _missing(where)
    key = _ALIASES.get(text.lower())
    if key is None:
        raise package_error(
            "licence-unknown",
            where,
            f"라이선스 '{text}'를 모릅니다. {', '.join(sorted(KNOWN))} 중 하나를 쓰거나 id·name·url·"
            "commercial_use·derivatives로 적으세요.",
            f"Unknown licence '{text}'. Use one of {', '.join(sorted(KNOWN))}, or describe it with id, name, url, "
            "commercial_use and derivatives.",
        )
    return KNOWN[key]
