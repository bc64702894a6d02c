"""Input parsing for registration requests (meaning is validated in services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mfgdata.dictionary.category import CATEGORIES
from mfgdata.dictionary.process import PROCESSES


class ListingForm(forms.Form):
    title_ko = forms.CharField(label=_("상품명 (한국어)"), max_length=200)
    title_en = forms.CharField(label=_("상품명 (영어)"), max_length=200, required=False)
    description_ko = forms.CharField(label=_("설명 (한국어)"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    description_en = forms.CharField(label=_("설명 (영어)"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    category = forms.ChoiceField(label=_("상품 구분"), choices=[(k, v[0]) for k, v in CATEGORIES.items()])
    process = forms.ChoiceField(
        label=_("공정"), required=False, choices=[("", "—"), *((p.id, p.name_ko) for p in PROCESSES)]
    )
    keywords = forms.CharField(label=_("키워드 (쉼표로 구분)"), required=False)
    data_period_start = forms.DateField(
        label=_("데이터 기간 시작"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    data_period_end = forms.DateField(
        label=_("데이터 기간 끝"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    equipment = forms.CharField(label=_("설비"), max_length=300, required=False)
    licence_id = forms.CharField(label=_("라이선스"), max_length=60, required=False, initial="CC-BY-4.0")
    price_krw = forms.IntegerField(label=_("판매금액 (원, 부가세 별도)"), min_value=0, required=False)

    def basics(self) -> dict[str, Any]:
        """The cleaned fields as the listing services take them."""
        data = dict(self.cleaned_data)
        data["keywords"] = [k.strip() for k in data.pop("keywords", "").split(",") if k.strip()]
        price = data.pop("price_krw", None)
        if price is not None:
            data["price_plans"] = [
                {"id": "one-off", "kind": "one_off", "price_krw": price, "period": None, "unit": None}
            ]
        return {k: v for k, v in data.items() if v not in (None, "")}


class NewListingForm(ListingForm):
    seller_business_number = forms.CharField(
        label=_("판매 제조기업 사업자등록번호 (가공기업 대리 등록 시)"), max_length=12, required=False
    )
    manufacturer_share_percent = forms.IntegerField(
        label=_("제조기업 수익 배분율 (%)"), min_value=0, max_value=100, initial=70, required=False
    )
    programme_funded = forms.BooleanField(label=_("지원사업으로 만든 상품"), required=False)
