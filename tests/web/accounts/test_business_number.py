"""사업자등록번호 check digits."""

import pytest

from mfgdata.web.accounts.business_number import (
    business_number_is_valid,
    format_business_number,
    with_check_digit,
)


@pytest.mark.parametrize("number", ["124-81-00998", "220-81-62517", "1248100998", " 124 81 00998 "])
def test_real_numbers_are_valid(number: str) -> None:
    assert business_number_is_valid(number)


@pytest.mark.parametrize("number", ["124-81-00997", "12481009", "12481009989", "abc-de-fghij", ""])
def test_wrong_check_digit_or_length_is_invalid(number: str) -> None:
    assert not business_number_is_valid(number)


def test_generated_numbers_validate_and_format() -> None:
    number = with_check_digit("305820001")
    assert business_number_is_valid(number)
    assert format_business_number(number) == f"305-82-0001{number[-1]}"
