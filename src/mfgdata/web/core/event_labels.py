"""What an audit event's action is called in the interface: histories show 승인, 협약 체결 …, never `approve`.

Actions are stable codes written by services (`transition()` and `record_event()`); a few carry a kind after a
prefix (`import_sanctions`, `inspection_usage`). An action without a label shows as its code.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

LABELS = {
    "activate_usage": _("호출당 요금제 시작"),
    "adjust_government": _("정부지원금 조정"),
    "api-write": _("API 쓰기"),
    "approve": _("승인"),
    "aas_education": _("AAS 교육 이수"),
    "assign_evaluator": _("평가위원 배정"),
    "assignment_withdrawn": _("평가위원 배정 철회"),
    "bill_usage": _("사용량 청구"),
    "budget_update": _("사업비 수정"),
    "cancel": _("취소"),
    "complete": _("완료"),
    "confirm_defect": _("하자 확인"),
    "confirm_eligible": _("요건 적합"),
    "confirm_ineligible": _("요건 부적합"),
    "consulting_meeting": _("컨설팅 회의 기록"),
    "create": _("생성"),
    "create_supplement": _("보완본 작성"),
    "declare_conflict": _("이해충돌 신고"),
    "delist": _("등록 해지"),
    "detect": _("부정 의심 신호 탐지"),
    "end_usage": _("요금제 종료"),
    "evaluate": _("평가 완료"),
    "fulfil": _("이용권한 부여"),
    "labour_evidence": _("현물 인건비 증빙"),
    "link_listing": _("상품 연결"),
    "list": _("판매 등록"),
    "not_select": _("미선정"),
    "offer_model_plan": _("모델 요금제 제공"),
    "open": _("공고 개시"),
    "package-refused": _("패키지 거부"),
    "package-verified": _("패키지 검증 통과"),
    "partial_refund": _("부분 환불"),
    "pay": _("결제 완료"),
    "payment_failed": _("결제 실패"),
    "payout": _("지급"),
    "pool_add": _("가공기업 Pool 등록"),
    "productize-failed": _("상품화 실패"),
    "record_contact": _("연락처 기록"),
    "record_share": _("수익배분 기록"),
    "refund": _("환불"),
    "register": _("등록"),
    "reinstate": _("판매 재개"),
    "reject": _("거절"),
    "request_changes": _("보완 요청"),
    "request_supplement": _("보완 요청"),
    "resubmit": _("다시 제출"),
    "return": _("반려"),
    "review_run": _("자동 요건검토"),
    "score": _("평가 점수 입력"),
    "select": _("선정"),
    "settle": _("정산"),
    "sign": _("협약 체결"),
    "site_check": _("현장확인 기록"),
    "start": _("수행 시작"),
    "start_payment": _("결제 시작"),
    "start_review": _("검토 시작"),
    "start_site_check": _("현장확인 시작"),
    "submit": _("제출"),
    "supersede": _("새 버전으로 대체"),
    "supplement_missed": _("보완 기한 경과"),
    "suspend": _("판매 중지"),
    "terminate": _("협약 해지"),
    "token-create": _("토큰 발급"),
    "token-revoke": _("토큰 폐기"),
    "upload": _("업로드"),
    "verify": _("검증"),
}
PREFIXES = {
    "grant:": _("권한 부여"),
    "import_": _("목록 가져오기"),
    "inspection_": _("점검 기록"),
    "measure_": _("조치"),
}


def event_label(action: str) -> str:
    """The interface name of an audit event's action, in the active language."""
    if action in LABELS:
        return str(LABELS[action])
    for prefix, label in PREFIXES.items():
        if action.startswith(prefix):
            return f"{label} ({action.removeprefix(prefix)})"
    return action
