"""The Digital Nameplate (IDTA 02006-3-0) and Technical Data (IDTA 02003-2-0) submodels of one machine.

Element idShorts and semanticIds are those of the official templates shipped in `standards/data/templates`
(the cardinality checker reads the same files). Ratings from equipment.yaml (`max_pressure: 25 MPa`) become
properties of a technical property area, each with the rating property the registry matches by name and
unit dimension (converted to that property's unit), or a project-own IRI when none matches.
"""

from __future__ import annotations

from dataclasses import dataclass

from basyx.aas import model

from mfgdata.dataset.headers import unit_registry
from mfgdata.prep.units import linear
from mfgdata.standards.aas.equipment import Equipment
from mfgdata.standards.aas.refs import collection, global_ref, id_short_of, mlp, prop
from mfgdata.standards.errors import standards_error
from mfgdata.standards.registry import Registry
from mfgdata.standards.suggest import LIMIT_WORDS, ColumnInfo, suggest_column
from mfgdata.standards.words import tokens

NAMEPLATE = "https://admin-shell.io/idta/nameplate/3/0/Nameplate"
ADDRESS = "https://admin-shell.io/zvei/nameplate/1/0/ContactInformations/AddressInformation"
TECHNICAL_DATA = "0173-1#01-AHX837#002"
GENERAL_INFORMATION = "0173-1#02-ABK161#002/0173-1#01-AHX838#002"
PROPERTY_AREAS = "0173-1#02-ABK163#002"
PROPERTY_AREA = "0173-1#02-ABL358#002/0173-1#01-AHX773#002"
_OPTIONAL_NAMEPLATE = (
    ("ManufacturerProductType", "0112/2///61987#ABA300#008", "model"),
    ("ProductArticleNumberOfManufacturer", "0112/2///61987#ABA581#007", "article_number"),
    ("SerialNumber", "0112/2///61987#ABA951#009", "serial"),
    ("YearOfConstruction", "0112/2///61987#ABP000#002", "year"),
    ("HardwareVersion", "0112/2///61987#ABA926#008", "hardware_version"),
    ("FirmwareVersion", "0112/2///61987#ABA302#006", "firmware_version"),
    ("SoftwareVersion", "0112/2///61987#ABA601#008", "software_version"),
    ("CountryOfOrigin", "0112/2///61987#ABP462#001", "country"),
)


@dataclass(frozen=True)
class Rating:
    """One rating of a machine, with the id chosen for it and its value in that id's unit."""

    key: str
    semantic_id: str
    value: float
    unit: str


def product_uri(machine: Equipment, registry: Registry, product: str) -> str:
    """The machine's product URI: the vendor's when given, else a project-own IRI of this asset."""
    return machine.product_uri or f"{registry.namespace}asset/{product}/{machine.id}"


def _address(machine: Equipment) -> model.SubmodelElementCollection:
    base = "0173-1#02-"
    parts = [
        ("Street", f"{base}AAO128#002", machine.street),
        ("Zipcode", f"{base}AAO129#002", machine.zip_code),
        ("CityTown", f"{base}AAO132#002", machine.city),
        ("NationalCode", f"{base}AAO134#002", machine.country),
    ]
    return collection("AddressInformation", ADDRESS, [mlp(i, s, "", str(v)) for i, s, v in parts if v])


def nameplate(machine: Equipment, registry: Registry, product: str, submodel_id: str) -> model.Submodel:
    """The Digital Nameplate 3.0 submodel."""
    elements: list[model.SubmodelElement] = [
        prop(
            "URIOfTheProduct",
            "0112/2///61987#ABN590#002",
            product_uri(machine, registry, product),
            model.datatypes.AnyURI,
        ),
        mlp("ManufacturerName", "0112/2///61987#ABA565#009", "", machine.manufacturer),
        mlp("ManufacturerProductDesignation", "0112/2///61987#ABA567#009", machine.name, machine.model),
        _address(machine),
        prop("OrderCodeOfManufacturer", "0112/2///61987#ABA950#008", machine.order_code or machine.model),
    ]
    for id_short, semantic_id, attribute in _OPTIONAL_NAMEPLATE:
        value = getattr(machine, attribute)
        if value not in (None, ""):
            elements.append(prop(id_short, semantic_id, str(value)))
    return model.Submodel(
        submodel_id, id_short="Nameplate", semantic_id=global_ref(NAMEPLATE), submodel_element=elements
    )


def _quantity(machine: Equipment, key: str, value: object) -> tuple[float, str]:
    try:
        quantity = unit_registry().Quantity(str(value))
        return float(quantity.magnitude), "" if quantity.dimensionless else f"{quantity.units:~}"
    except Exception as error:  # pint raises several types for text that is not a quantity
        raise standards_error(
            "bad-rating",
            "equipment.yaml",
            f"설비 '{machine.id}'의 정격 {key}: '{value}'를 값과 단위로 읽을 수 없습니다(예: 25 MPa).",
            f"rating {key} of equipment '{machine.id}': cannot read '{value}' as a value with a unit (e.g. 25 MPa).",
        ) from error


def _same_limit(key: str, concept_words: frozenset[str]) -> bool:
    """`power` is not `max. input power`: a limit word of the property must be in the rating's name too."""
    return concept_words & LIMIT_WORDS <= tokens(key) & LIMIT_WORDS


def ratings(machine: Equipment, registry: Registry, product: str) -> list[Rating]:
    """The machine's ratings with ids: a matching rating property, else a project-own IRI."""
    chosen = []
    for key, raw in sorted(machine.ratings.items()):
        value, unit = _quantity(machine, key, raw)
        best = suggest_column(ColumnInfo(key, key, unit or None, "spec_limit", "number"), registry).best(0.4)
        if best is not None and best.concept.unit and unit and _same_limit(key, best.concept.words):
            conversion = linear(unit, best.concept.unit)
            chosen.append(
                Rating(key, best.concept.id, value * conversion.factor + conversion.offset, best.concept.unit)
            )
        else:
            chosen.append(Rating(key, f"{registry.namespace}{product}/rating/{key}", value, unit))
    return chosen


def technical_data(machine: Equipment, chosen: list[Rating], submodel_id: str) -> model.Submodel:
    """The Technical Data 2.0 submodel: general information and the ratings as one property area."""
    general = collection(
        "GeneralInformation",
        GENERAL_INFORMATION,
        [
            prop("ManufacturerName", "0173-1#02-AAO677#004", machine.manufacturer),
            mlp("ManufacturerProductDesignation", "0173-1#02-AAW338#003", machine.name, machine.model),
            prop("ManufacturerArticleNumber", "0173-1#02-AAO676#005", machine.article_number or machine.model),
            prop("ManufacturerOrderCode", "0173-1#02-AAO227#004", machine.order_code or machine.model),
        ],
    )
    elements: list[model.SubmodelElement] = [general]
    if chosen:
        area = collection(
            None,
            PROPERTY_AREA,
            [prop(id_short_of(r.key, "Rating"), r.semantic_id, r.value, model.datatypes.Double) for r in chosen],
        )
        elements.append(
            model.SubmodelElementList(
                "TechnicalPropertyAreas",
                model.SubmodelElementCollection,
                [area],
                semantic_id=global_ref(PROPERTY_AREAS),
                semantic_id_list_element=global_ref(PROPERTY_AREA),
            )
        )
    return model.Submodel(
        submodel_id, id_short="TechnicalData", semantic_id=global_ref(TECHNICAL_DATA), submodel_element=elements
    )
