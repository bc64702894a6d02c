"""`TERMS.md`: terms of use drafted from product.yaml in the article style of the Korean standard
data-trade contract (데이터 거래 표준계약서, 데이터 제공형), in Korean with an English translation.

product.yaml `terms` may set `permitted_uses` (ids below), `redistribution` (true/false), `period`
(e.g. "1년" / "1 year"; default perpetual) and `attribution` (the text buyers must show). What is not set
follows from the licence. The draft is not legal advice: parties review it before signing.
"""

from __future__ import annotations

from typing import Any

from mfgdata.packaging.project import Project

USES = {
    "internal_analysis": ("구매기업 내부의 분석·공정 개선", "internal analysis and process improvement by the buyer"),
    "ai_training": ("인공지능 모델의 학습·검증·평가", "training, validating and evaluating AI models"),
    "research": ("연구·교육", "research and education"),
    "product_development": (
        "이 데이터로 만든 모델·서비스의 상업적 제공 (데이터 자체 제외)",
        "commercial offering of models and services built with the data (not the data itself)",
    ),
}
_COMMERCIAL_USES = ("internal_analysis", "ai_training", "research", "product_development")
_NON_COMMERCIAL_USES = ("research",)


def _terms(project: Project) -> dict[str, Any]:
    value = project.product.get("terms") or {}
    return value if isinstance(value, dict) else {}


def permitted_uses(project: Project) -> list[str]:
    """The permitted use ids: product.yaml terms.permitted_uses, else what the licence allows."""
    chosen = [str(use) for use in _terms(project).get("permitted_uses") or [] if str(use) in USES]
    if chosen:
        return chosen
    return list(_COMMERCIAL_USES if project.licence.commercial_use else _NON_COMMERCIAL_USES)


def citation(project: Project) -> str:
    """How to cite: product.yaml terms.attribution, else seller, title, version, product id."""
    given = _terms(project).get("attribution")
    if given:
        return str(given)
    seller = (project.product.get("seller") or {}).get("organisation") or "판매기업 (seller)"
    title = project.text("title", "en")
    return f'{seller}, "{title}", version {project.version}, mfgdata product {project.product.get("id")}'


def _redistribution(project: Project) -> tuple[str, str]:
    allowed = _terms(project).get("redistribution")
    if allowed is None:
        allowed = project.licence.id.startswith(("CC", "ODbL")) and project.licence.derivatives
    if allowed:
        return (
            f"구매기업은 라이선스({project.licence.id})의 조건에 따라 데이터를 제3자에게 제공할 수 있습니다.",
            f"The buyer may pass the data on to third parties under the licence ({project.licence.id}).",
        )
    return (
        "구매기업은 데이터(일부 또는 가공본 포함)를 제3자에게 제공·판매·공개할 수 없습니다.",
        "The buyer may not provide, sell or publish the data (or any part or processed copy) to third parties.",
    )


def _period(project: Project) -> tuple[str, str]:
    period = _terms(project).get("period")
    if period:
        return f"이용기간은 {period}입니다.", f"The period of use is {period}."
    return (
        "이용기간은 기간의 정함이 없습니다(구독 상품은 구독 기간).",
        "The period of use is unlimited (for subscriptions: the subscription period).",
    )


def _articles(project: Project) -> list[tuple[str, str, str, str]]:
    uses = permitted_uses(project)
    uses_ko = "; ".join(USES[u][0] for u in uses)
    uses_en = "; ".join(USES[u][1] for u in uses)
    licence = project.licence
    not_distributable = (
        ""
        if licence.distributable
        else " 이 라이선스는 2차적 저작물을 허락하지 않아 이 패키지는 배포·판매할 수 없습니다."
    )
    not_distributable_en = (
        ""
        if licence.distributable
        else " The licence allows no derivatives: this package may not be distributed or sold."
    )
    redistribution, period = _redistribution(project), _period(project)
    return [
        (
            "목적",
            "Purpose",
            f"이 조건은 판매기업이 제공하는 데이터 상품 '{project.text('title', 'ko')}'"
            f"(버전 {project.version})의 이용 조건을 정합니다.",
            f"These terms govern the use of the data product '{project.text('title', 'en')}' "
            f"(version {project.version}).",
        ),
        (
            "라이선스",
            "Licence",
            f"데이터에는 {licence.name} ({licence.id}, {licence.url})가 적용됩니다.{not_distributable}",
            f"The data is licensed under {licence.name} ({licence.id}, {licence.url}).{not_distributable_en}",
        ),
        (
            "이용 범위",
            "Permitted uses",
            f"구매기업은 다음 목적에 한하여 데이터를 이용할 수 있습니다: {uses_ko}.",
            f"The buyer may use the data only for: {uses_en}.",
        ),
        ("재제공 금지", "Redistribution", *redistribution),
        ("이용기간", "Period of use", *period),
        (
            "출처 표시",
            "Attribution",
            f"데이터 또는 그 결과를 공개할 때 다음과 같이 출처를 표시합니다: {citation(project)}",
            f"Whoever publishes the data or results made with it cites: {citation(project)}",
        ),
        (
            "가명정보·재식별 금지",
            "Pseudonymised data",
            "구매기업은 가명처리된 값을 원래 값으로 되돌리거나 다른 정보와 결합하여 "
            "개인·설비를 재식별하려 해서는 안 됩니다.",
            "The buyer must not try to reverse pseudonymised values or re-identify persons or equipment "
            "by linking data.",
        ),
        (
            "보증의 제한",
            "Warranty",
            "판매기업은 품질 보고서(quality/)에 적힌 범위에서 데이터의 품질을 설명하며, "
            "그 밖의 특정 목적 적합성은 보증하지 않습니다.",
            "The seller describes the data's quality as stated in the quality report (quality/) "
            "and gives no other warranty of fitness.",
        ),
        (
            "분쟁 해결",
            "Disputes",
            "이 조건에 관한 분쟁은 대한민국 법에 따르며, 당사자는 먼저 협의로 해결하도록 노력합니다.",
            "Disputes are governed by the law of the Republic of Korea; "
            "the parties first seek to settle them by agreement.",
        ),
    ]


def terms_markdown(project: Project) -> str:
    """The text of TERMS.md: each article in Korean, then in English."""
    lines = [
        f"# 데이터 이용 조건 / Terms of use — {project.text('title', 'ko')}",
        "",
        "데이터 거래 표준계약서(데이터 제공형)의 조항 체계를 따른 초안입니다. 계약 전에 당사자가 검토하세요.",
        "A draft following the articles of the Korean standard data-trade contract (data provision type); "
        "the parties review it before they sign. The Korean text prevails.",
        "",
    ]
    for number, (title_ko, title_en, text_ko, text_en) in enumerate(_articles(project), start=1):
        lines += [f"## 제{number}조 ({title_ko}) / Article {number} ({title_en})", "", text_ko, "", f"> {text_en}", ""]
    return "\n".join(lines)
