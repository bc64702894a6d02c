"""How sensitive a column is: `personal`, `confidential`, `internal` or `public`, with the reason.

- `personal`: it names or reaches a person — worker, operator, inspector, customer (작업자, 담당자, 성명, 이름,
  고객 …), contact details, or a text column whose values look like Korean personal names. Such columns
  are pseudonymised or dropped before anything is sold.
- `confidential`: business secrets — prices and costs, and the names of customer or supplier companies.
- `public`: facts anyone knows, such as the day of the week.
- `internal`: everything else a factory records (process data belongs to the seller until sold).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mfgdata.dictionary.names import CALENDAR

LEVELS = ("personal", "confidential", "internal", "public")

_COMPANY = re.compile(
    r"고객사|거래처|공급사|공급업체|협력사|협력업체|납품처|매입처|발주처|업체명|회사명|"
    r"supplier|vendor|client.?company|customer.?company|company.?name|partner",
    re.I,
)
_PRICE = re.compile(r"가격|단가|원가|금액|매출|매입가|비용|급여|price|cost|revenue|amount|margin|salary|wage", re.I)
_PERSON = re.compile(
    r"작업자|담당자|성명|이름|고객|작성자|검사자|검사원|관리자|사원|직원|사번|근무자|"
    r"operator|worker|employee|inspector|customer|person|staff|user.?name|first.?name|last.?name|full.?name|^name$",
    re.I,
)
CONTACT = re.compile(r"전화|연락처|휴대폰|핸드폰|이메일|e-?mail|주소|address|phone|mobile", re.I)
# "product name", "제품이름" … name a thing, not a person.
_THING_NAME = re.compile(
    r"(제품|품목|부품|설비|장비|공정|파일|모델|product|part|item|machine|file|model).?(이름|name)", re.I
)

# Common Korean surnames; a personal name is a surname syllable and one or two more syllables.
_SURNAMES = (
    "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진지엄채원천방공현함변염"
    "여추도소석선설마길연위표명기반라왕금옥육인맹제모탁국어은편용예봉경사부가복태목형피두감음빈동온호범좌팽승간상갈시"
)
_KOREAN_NAME = re.compile(rf"^[{_SURNAMES}][가-힣]{{1,2}}$")
# Short Korean words of factory data that would otherwise look like names (정상 = normal, 양품 = good part …).
_NOT_NAME_WORDS = (
    "정상 양품 불량 오전 오후 주간 야간 완료 진행 대기 가동 정지 합격 불합격 검사 사용 미사용 이상 경고 "
    "주의 수동 자동 고장 수리 점검 교체 생산 조립 도장 세척 건조 포장 출하 입고 출고 재고 원료 제품 부품 "
    "금형 설비 라인 공정 작업 운전 운전중 정지중 점검중 대기중 가동중 정상품 불량품 양품률 불량률 기타 "
    "없음 해당 미해당 월요일 화요일 수요일 목요일 금요일 토요일 일요일 상반기 하반기 전반 후반"
)
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())
NAME_SHARE = 0.6


@dataclass(frozen=True)
class Sensitivity:
    """A sensitivity level and why it was chosen, in Korean and English."""

    level: str
    reason_ko: str
    reason_en: str


def looks_like_person_names(column: dict[str, Any]) -> bool:
    """True when most rows' values (by top-value counts) are Korean personal names, e.g. `김민수`, `이서연`.

    Needs at least three different such names, so a column that only holds `정상`/`이상` is not taken.
    """
    if column["type"] != "string":
        return False
    top = [entry for entry in column.get("top_values") or [] if isinstance(entry["value"], str)]
    names = [e for e in top if _KOREAN_NAME.match(e["value"].strip()) and e["value"].strip() not in _NOT_NAMES]
    counted = sum(entry["count"] for entry in top)
    if len(names) < 3 or not counted:
        return False
    return sum(entry["count"] for entry in names) / counted >= NAME_SHARE


def sensitivity_of(column: dict[str, Any]) -> Sensitivity:
    """The sensitivity of one profile column, from its name and, for text, its values."""
    name = column["name"]
    if _COMPANY.search(name):
        return Sensitivity(
            "confidential",
            f"'{name}'은(는) 거래처·공급사 등 회사 이름으로 보입니다 (영업 비밀).",
            f"'{name}' reads as a customer or supplier company name (a business secret).",
        )
    if _PRICE.search(name):
        return Sensitivity(
            "confidential",
            f"'{name}'은(는) 가격·원가·금액으로 보입니다 (영업 비밀).",
            f"'{name}' reads as a price, cost or amount (a business secret).",
        )
    if (_PERSON.search(name) and not _THING_NAME.search(name)) or CONTACT.search(name):
        return Sensitivity(
            "personal",
            f"'{name}'은(는) 사람(작업자·담당자·고객)이나 연락처를 가리키는 이름입니다 (개인정보).",
            f"'{name}' names a person (worker, operator, customer) or contact details (personal data).",
        )
    if looks_like_person_names(column):
        return Sensitivity(
            "personal",
            f"'{name}'의 값 대부분이 한국인 이름 형태(성 + 이름 1~2자)입니다. 이름은 여기에 옮기지 않습니다.",
            f"Most values of '{name}' look like Korean personal names (surname + 1–2 syllables); none is copied here.",
        )
    if CALENDAR.match(name):
        return Sensitivity(
            "public",
            f"'{name}'은(는) 요일·휴일 같은 달력 정보로 누구나 아는 사실입니다.",
            f"'{name}' is calendar information (day of week, holiday) that anyone knows.",
        )
    return Sensitivity(
        "internal",
        "공장이 기록한 업무 데이터로 개인·영업 비밀 표시는 없습니다. 판매 전까지 판매기업 내부 자료입니다.",
        "Factory records with no sign of personal or business-secret content; internal to the seller until sold.",
    )
