"""The Time Series Data submodel (IDTA 02008-1-1): the product's output columns as record variables, and
one External segment per data file of the package, pointing at the Parquet file — never inline records.

The template wants a `Time` variable in each record (cardinality OneToMany). A time column of the data is
that variable (UtcTime); data without one (ai4i-2020, die casting) gets `Time` as the row number with the
template's RelativePointInTime id, and its description says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from basyx.aas import model

from mfgdata.standards.aas.refs import RELATIVE_POINT_IN_TIME, collection, global_ref, id_short_of, mlp, prop

TS = "https://admin-shell.io/idta/TimeSeries"
UTC_TIME = f"{TS}/UtcTime/1/1"
PARQUET = "application/vnd.apache.parquet"
_XSD = {"integer": model.datatypes.Long, "number": model.datatypes.Double, "boolean": model.datatypes.Boolean,
        "timestamp": model.datatypes.DateTime, "date": model.datatypes.Date}  # fmt: skip


@dataclass(frozen=True)
class RecordVariable:
    """One output column as a record variable."""

    name: str
    semantic_id: str
    logical_type: str
    description_ko: str = ""
    description_en: str = ""
    is_time: bool = False


@dataclass(frozen=True)
class DataFile:
    """One data file of the package: its path relative to the AASX, rows and the time span when known."""

    reference: str
    rows: int
    start: str = ""
    end: str = ""


def _variable(variable: RecordVariable, index: int) -> model.Property:
    element = model.Property(
        "Time" if variable.is_time else id_short_of(variable.name, f"Column{index:02d}"),
        value_type=_XSD.get(variable.logical_type, model.datatypes.String),
        semantic_id=global_ref(UTC_TIME if variable.is_time else variable.semantic_id),
        display_name=model.MultiLanguageNameType({"en": variable.name[:64]}),
    )
    if variable.description_en:
        element.description = model.MultiLanguageTextType(
            {
                "en": variable.description_en[:1023],
                **({"ko": variable.description_ko[:1023]} if variable.description_ko else {}),
            }
        )
    return element


def _row_number() -> model.Property:
    return model.Property(
        "Time",
        value_type=model.datatypes.Long,
        semantic_id=global_ref(RELATIVE_POINT_IN_TIME),
        description=model.MultiLanguageTextType(
            {"en": "Row number: the data has no time column", "ko": "행 번호: 데이터에 시간 열이 없습니다"}
        ),
    )


def _record(variables: list[RecordVariable]) -> model.SubmodelElementCollection:
    elements: list[model.SubmodelElement] = [] if any(v.is_time for v in variables) else [_row_number()]
    taken: set[str] = {"Time"}
    for index, variable in enumerate(variables, start=1):
        element = _variable(variable, index)
        while element.id_short in taken and not variable.is_time:
            element.id_short = f"{element.id_short}_{index}"
        taken.add(element.id_short)
        elements.append(element)
    return collection("Record", f"{TS}/Record/1/1", elements)


def _segment(data: DataFile, index: int, title_ko: str, title_en: str) -> model.SubmodelElementCollection:
    elements: list[model.SubmodelElement] = [
        mlp("Name", f"{TS}/Segment/Name/1/1", title_ko, title_en),
        prop("RecordCount", f"{TS}/Segment/RecordCount/1/1", data.rows, model.datatypes.Long),
    ]
    if data.start and data.end:
        elements.append(prop("StartTime", f"{TS}/Segment/StartTime/1/1", data.start))
        elements.append(prop("EndTime", f"{TS}/Segment/EndTime/1/1", data.end))
    elements.append(prop("State", f"{TS}/Segment/State/1/1", "completed"))
    elements.append(model.File("File", PARQUET, data.reference, semantic_id=global_ref(f"{TS}/File/1/1")))
    id_short = "ExternalSegment" if index == 1 else f"ExternalSegment{index:02d}"
    return collection(id_short, f"{TS}/Segments/ExternalSegment/1/1", elements)


def time_series(
    submodel_id: str, variables: list[RecordVariable], files: list[DataFile], title_ko: str, title_en: str
) -> model.Submodel:
    """The Time Series Data submodel of the product."""
    metadata = collection(
        "Metadata",
        f"{TS}/Metadata/1/1",
        [mlp("Name", f"{TS}/Metadata/Name/1/1", title_ko, title_en), _record(variables)],
    )
    segments = collection(
        "Segments", f"{TS}/Segments/1/1", [_segment(f, i, title_ko, title_en) for i, f in enumerate(files, start=1)]
    )
    return model.Submodel(
        submodel_id, id_short="TimeSeries", semantic_id=global_ref(f"{TS}/1/1"), submodel_element=[metadata, segments]
    )
