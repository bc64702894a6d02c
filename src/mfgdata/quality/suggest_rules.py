"""The rules behind suggested checks: one small function per kind of fact, each saying why."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mfgdata.quality.model import Severity

_ENVIRONMENT_WORDS = ("factory", "ambient", "room", "outdoor", "환경", "실내", "외기", "공장")
_CATEGORY_LIMIT = 10
_USUAL_SIZE_SHARE = 0.8  # the most common image size, when this share of images has it, is the expected size


@dataclass(frozen=True)
class Suggested:
    """One suggested check: the ODCS item, the column it sits under (None: table level) and what it reads."""

    item: dict[str, Any]
    column: str | None
    columns: tuple[str, ...]

    @property
    def id(self) -> str:
        return str(self.item["id"])


def item(check_id: str, check_type: str, severity: Severity, ko: str, en: str, **settings: Any) -> dict[str, Any]:
    """An ODCS quality item for one of our checks, with its reason."""
    return {
        "id": check_id,
        "type": "custom",
        "engine": "mfgdata",
        "severity": severity,
        "description": ko,
        "implementation": {"type": check_type, **settings},
        "customProperties": [{"property": "reasonEn", "value": en}],
    }


def _table(
    check_id: str, check_type: str, severity: Severity, ko: str, en: str, reads: tuple[str, ...] = (), **settings: Any
) -> Suggested:
    return Suggested(item(check_id, check_type, severity, ko, en, **settings), None, reads)


def _order_reason(out_of_order: int, strict: bool) -> tuple[str, str]:
    if out_of_order:
        return (f"대상별 시각 순서: 지금 {out_of_order}행이 앞 행보다 이릅니다.",
                f"Times per entity in order: {out_of_order} rows are earlier than the previous one now.")
    if strict:
        return "대상별 주기 번호가 계속 늘어나야 합니다.", "Cycle numbers must keep increasing per entity."
    return "대상별로 시각이 거꾸로 가면 안 됩니다.", "Times must not go back per entity."  # fmt: skip


def _series_rules(series: dict[str, Any]) -> list[Suggested]:
    time, entity = series["time_column"], series.get("entity_column")
    base = f"{entity}-{time}" if entity else time
    per_file = ["source_file"] if series.get("entity_per_file") else []
    entities = [*per_file, entity] if entity else []
    columns = (time, *entities)
    strict = series.get("axis") == "sequence"
    out_of_order = int(series.get("out_of_order_rows") or 0)
    ko, en = _order_reason(out_of_order, strict)
    found = [_table(f"{base}-order", "time-order", "warn" if out_of_order else "block", ko, en, columns,
                    column=time, entity=entities, strict=strict)]  # fmt: skip
    interval = series.get("median_interval")
    if interval:
        found.append(
            _table(f"{base}-gaps", "time-gaps", "warn",
                   f"수집 주기({interval:g})의 3배보다 긴 간격은 빠진 측정을 뜻합니다.",
                   f"Intervals over 3 × the cadence ({interval:g}) mean missing readings.", columns,
                   column=time, entity=entities, cadence=float(interval), tolerance=3.0)
        )  # fmt: skip
    return found


def table_rules(profile: dict[str, Any]) -> list[Suggested]:
    """Row count, exact duplicate rows, candidate keys, and per time axis its order and gaps."""
    duplicates = int(profile.get("duplicate_rows") or 0)
    found = [
        _table("row-count", "row-count", "block", "상품에는 행이 있어야 합니다.", "A product must have rows.", min=1),
        _table(
            "duplicate-rows",
            "unique",
            "warn" if duplicates else "block",
            f"완전히 같은 행이 지금 {duplicates}개 있습니다. 내보내기 반복인지 확인하세요."
            if duplicates
            else "완전히 같은 행은 보통 내보내기 반복입니다.",
            f"{duplicates} exact duplicate rows now; check whether the export repeated them."
            if duplicates
            else "Exact duplicate rows are usually repeated exports.",
        ),
    ]
    for key in profile.get("candidate_keys") or []:
        if len(key) > 1:
            found.append(
                _table(
                    f"key-{'-'.join(key)}",
                    "unique",
                    "block",
                    f"{', '.join(key)} 조합이 행을 구별합니다.",
                    f"{', '.join(key)} together identify a row.",
                    tuple(key),
                    columns=list(key),
                )
            )
    for series in profile.get("timeseries") or []:
        found.extend(_series_rules(series))
    return found


def _column(
    owner: str,
    check_id: str,
    check_type: str,
    severity: Severity,
    ko: str,
    en: str,
    columns: tuple[str, ...] = (),
    **settings: Any,
) -> Suggested:
    return Suggested(item(f"{owner}-{check_id}", check_type, severity, ko, en, **settings), owner, (owner, *columns))


def _presence(column: dict[str, Any], role: str) -> Suggested | None:
    name, missing = column["name"], int(column.get("missing") or 0)
    if role == "label":
        return None  # label-classes counts blank labels
    if missing:
        return _column(
            name,
            "present",
            "not-null",
            "warn",
            f"지금 {missing:,}행이 비어 있습니다 ({column.get('missing_ratio', 0):.1%}).",
            f"{missing:,} rows are blank now ({column.get('missing_ratio', 0):.1%}).",
        )
    return _column(
        name,
        "present",
        "not-null",
        "block",
        "지금 빈 값이 없으니 앞으로도 없어야 합니다.",
        "No value is blank now; keep it so.",
    )


def _label(column: dict[str, Any], profile: dict[str, Any]) -> list[Suggested]:
    name = column["name"]
    entry = next((e for e in profile.get("labels") or [] if e["columns"] == [name]), None)
    if entry is None or entry.get("kind") == "count":
        return []
    classes = [c["value"] for c in entry.get("classes") or [] if c.get("value") is not None and str(c["value"]) != ""]
    found = [
        _column(
            name,
            "classes",
            "label-classes",
            "block",
            f"레이블은 비어 있지 않고 알려진 클래스({classes})여야 합니다.",
            f"Labels must be present and one of the known classes ({classes}).",
            classes=classes,
        ),
        _column(
            name,
            "balance",
            "label-balance",
            "warn",
            "클래스가 하나뿐이면 분류 모델을 학습할 수 없습니다.",
            "With a single class no classifier can be trained.",
            min_classes=2,
        ),
    ]
    return found


def _is_environment(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in _ENVIRONMENT_WORDS)


def _spec(name: str, low: str, high: str) -> Suggested:
    environment = _is_environment(name)
    ko = (
        f"환경 측정값의 규격({low}–{high}) 이탈은 보고만 합니다: 제품 데이터의 오류가 아닙니다."
        if environment
        else f"규격 한계 열({low}–{high}) 밖의 값은 공정의 사실이므로 보고만 합니다."
    )
    en = (
        f"Environment readings outside their spec ({low}–{high}) are reported, not refused: not a data error."
        if environment
        else f"Values outside their spec-limit columns ({low}–{high}) are process facts: reported."
    )
    return _column(
        name, "spec", "range", "warn", ko, en, (low, high), column=name, min_column=low, max_column=high, limits="spec"
    )


def _physical(name: str, quantity: tuple[str, str | None]) -> Suggested:
    rule, unit = quantity
    return _column(
        name, "physical", "physical-range", "block",
        "단위로 보아 물리적으로 불가능한 값(절대영도 미만, 습도 100 % 초과)이 없어야 합니다.",
        "No physically impossible value for its unit (below absolute zero, humidity over 100 %).",
        quantity=rule, **({"unit": unit} if unit else {}),
    )  # fmt: skip


def _categories(column: dict[str, Any], role: str) -> Suggested | None:
    small = column.get("type") == "string" and 0 < int(column.get("distinct") or 0) <= _CATEGORY_LIMIT
    if not small or role in ("label", "identifier", "free_text", "timestamp"):
        return None
    values = [entry["value"] for entry in column.get("top_values") or []]
    return _column(column["name"], "allowed", "allowed-values", "warn", f"지금 값은 {values} 중 하나입니다.",
                   f"Values are one of {values} now.", values=values)  # fmt: skip


def column_rules(
    column: dict[str, Any],
    role: str,
    quantity: tuple[str, str | None] | None,
    limits: tuple[str, str] | None,
    profile: dict[str, Any],
) -> list[Suggested]:
    """Presence, label validity, physical plausibility, spec limits and small categories of one column.

    `quantity` is (plausibility rule, unit to name in the check — None when the contract gives it).
    """
    name = column["name"]
    found = [s for s in (_presence(column, role),) if s is not None]
    if role == "label":
        found.extend(_label(column, profile))
    if quantity is not None:
        found.append(_physical(name, quantity))
    if limits is not None:
        found.append(_spec(name, *limits))
    found.extend(s for s in (_categories(column, role),) if s is not None)
    return found


def _image_labels(classes: list[str]) -> list[Suggested]:
    if not classes:
        return []
    return [
        _table("image-labels", "label-classes", "block", f"이미지마다 알려진 클래스({classes})가 있어야 합니다.",
               f"Every image has a known class ({classes}).", ("label",), column="label", classes=classes),
        _table("image-balance", "label-balance", "warn", "클래스가 하나뿐이면 분류 모델을 학습할 수 없습니다.",
               "With a single class no classifier can be trained.", ("label",), column="label", min_classes=2),
    ]  # fmt: skip


def image_rules(images: dict[str, Any]) -> list[Suggested]:
    """For an image collection: files usable (format, size), no copies across splits, labels known."""
    formats = sorted(images.get("formats") or {})
    common = (images.get("sizes") or {}).get("common") or []
    total = int(images.get("count") or 0)
    one_size = common[0] if common and common[0]["count"] >= _USUAL_SIZE_SHARE * total else None
    size = {"width": one_size["width"], "height": one_size["height"]} if one_size else {}
    shown = f", {size['width']}×{size['height']}" if size else ""
    classes = [entry["name"] for entry in images.get("classes") or []]
    return [
        _table("image-files", "image-files", "block", f"모든 이미지가 열리고 형식({formats}{shown})이 같아야 합니다.",
               f"Every image opens and has the format ({formats}{shown}).", formats=formats, **size),
        _table("image-copies", "image-duplicates", "block", "같은 이미지가 다른 분할에 있으면 평가가 새어 나갑니다.",
               "The same image in two splits leaks test data into training.", across_splits=True),
        *_image_labels(classes),
    ]  # fmt: skip
