"""Input parsing for the organisation pages (validation of meaning happens in services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mfgdata.web.accounts.models import SizeClass


class OrganisationForm(forms.Form):
    business_number = forms.CharField(label=_("사업자등록번호"), max_length=12, help_text="000-00-00000")
    name = forms.CharField(label=_("상호"), max_length=200)
    representative = forms.CharField(label=_("대표자"), max_length=100)
    address = forms.CharField(label=_("주소"), max_length=300)
    business_type = forms.CharField(label=_("업태"), max_length=100, required=False)
    business_item = forms.CharField(label=_("종목"), max_length=200, required=False)
    industry = forms.CharField(label=_("업종"), max_length=100, required=False)
    founded_on = forms.DateField(label=_("설립일"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    size_class = forms.ChoiceField(label=_("기업 규모"), choices=SizeClass.choices)
    is_manufacturer = forms.BooleanField(label=_("제조기업"), required=False)
    is_processor = forms.BooleanField(label=_("가공기업"), required=False)
    is_smart_factory_supplier = forms.BooleanField(label=_("스마트공장 공급기업"), required=False)
    nonprofit_proof = forms.FileField(label=_("비영리기관 증빙"), required=False)


class VerifyForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("확인")), ("reject", _("반려"))])
    comment = forms.CharField(label=_("의견"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
