"""Small constructors for BaSyx objects, so the submodel builders read like the templates they follow."""

from __future__ import annotations

from basyx.aas import model

from mfgdata.standards.ids import normalise_id

IEC61360_SPEC = "https://admin-shell.io/DataSpecificationTemplates/DataSpecificationIec61360/3"
RELATIVE_POINT_IN_TIME = "https://admin-shell.io/idta/TimeSeries/RelativePointInTime/1/1"
# The Time Series specification's text says RelativeTimePoint; the template (and so every checker) uses the other.
ALIASES = {"https://admin-shell.io/idta/TimeSeries/RelativeTimePoint/1/1": RELATIVE_POINT_IN_TIME}


def canonical_id(text: str) -> str:
    """An id with the templates' typos fixed: whitespace removed, RelativeTimePoint spelled as in the template."""
    cleaned = normalise_id(text)
    return ALIASES.get(cleaned, cleaned)


def global_ref(semantic_id: str) -> model.ExternalReference:
    """An external reference to a semantic id (an IRDI or an IRI)."""
    return model.ExternalReference((model.Key(model.KeyTypes.GLOBAL_REFERENCE, canonical_id(semantic_id)),))


def texts(ko: str, en: str) -> dict[str, str]:
    """Language strings, English always (AASc-3a-008 wants it), Korean when there is one."""
    values = {"en": en or ko}
    if ko:
        values["ko"] = ko
    return values


def mlp(id_short: str, semantic_id: str, ko: str, en: str) -> model.MultiLanguageProperty:
    """A multi-language property in ko and en."""
    return model.MultiLanguageProperty(
        id_short, value=model.MultiLanguageTextType(texts(ko, en)), semantic_id=global_ref(semantic_id)
    )


def prop(id_short: str, semantic_id: str, value: object, value_type: type = model.datatypes.String) -> model.Property:
    """A property with a value of an XSD type (str by default)."""
    return model.Property(id_short, value_type=value_type, value=value, semantic_id=global_ref(semantic_id))


def collection(
    id_short: str | None, semantic_id: str, elements: list[model.SubmodelElement]
) -> model.SubmodelElementCollection:
    """A submodel element collection."""
    return model.SubmodelElementCollection(id_short, value=elements, semantic_id=global_ref(semantic_id))


def id_short_of(name: str, fallback: str) -> str:
    """A valid idShort for a column name: letters, digits and `_`, starting with a letter (else `fallback`)."""
    cleaned = "".join(char if char.isascii() and (char.isalnum() or char == "_") else "_" for char in name.strip())
    cleaned = "_".join(part for part in cleaned.split("_") if part)
    if not cleaned or not cleaned[0].isalpha():
        cleaned = f"{fallback}_{cleaned}" if cleaned else fallback
    return cleaned
