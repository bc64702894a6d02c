"""Syntax of semantic ids: ECLASS IRDIs, IEC CDD IRDIs and IRIs (which include URNs).

Only syntax is checked here; whether an id is *known* is the registry's business. An id that fits none of
the three shapes is refused: a typo in an IRDI would otherwise travel into every buyer's tool unnoticed.
"""

from __future__ import annotations

import re
from typing import Literal

IdKind = Literal["eclass", "iec-cdd", "iri"]

# ECLASS: 0173-1#<2-digit code space>-<6 alphanumerics>#<3-digit version>, e.g. 0173-1#02-AAO677#004.
ECLASS_IRDI = re.compile(r"^0173-1#(0[1-9]|1[0-9])-[A-Z0-9]{6}#\d{3}$")
# IEC CDD: 0112/2///<standard, e.g. 61360_4 or 61987>#<3 letters + 3 digits>[#<version>].
IEC_CDD_IRDI = re.compile(r"^0112/2///\d{5}(_\d+)?#[A-Z]{3}\d{3}(#\d{3})?$")
# IRI: a scheme, then no whitespace (RFC 3987 allows Hangul; spaces are the templates' known typo).
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")


class InvalidId(ValueError):
    """The text is not an ECLASS IRDI, an IEC CDD IRDI or an IRI; `reason` says what is wrong, in en."""


def normalise_id(text: str) -> str:
    """The id without the whitespace that official templates carry by mistake (`…/1/0/ Contact…`, `EndTime `)."""
    return re.sub(r"\s+", "", text)


def id_kind(text: str) -> IdKind:
    """Which kind of id `text` is; raises InvalidId when it is none of them."""
    if text.startswith("0173-"):
        if ECLASS_IRDI.match(text):
            return "eclass"
        raise InvalidId("an ECLASS IRDI looks like 0173-1#02-AAO677#004")
    if text.startswith("0112/"):
        if IEC_CDD_IRDI.match(text):
            return "iec-cdd"
        raise InvalidId("an IEC CDD IRDI looks like 0112/2///61360_4#AAE028#001")
    if IRI.match(text):
        return "iri"
    raise InvalidId("not an IRDI (0173-1#…, 0112/2///…) and not an IRI (https://…, urn:…)")


def is_irdi(text: str) -> bool:
    """True for ECLASS and IEC CDD IRDIs (ids only a dictionary owner may mint)."""
    try:
        return id_kind(text) in ("eclass", "iec-cdd")
    except InvalidId:
        return False
