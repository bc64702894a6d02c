"""Input parsing for the token pages (validation of meaning happens in `api.services`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mfgdata.web.api.models import TokenScope

LIFETIMES = [(30, _("30일")), (90, _("90일")), (180, _("180일")), (365, _("1년"))]


class TokenForm(forms.Form):
    name = forms.CharField(label=_("토큰 이름"), max_length=100, help_text=_("어디에 쓰는 토큰인지 적어 두세요."))
    scopes = forms.MultipleChoiceField(
        label=_("권한"), choices=TokenScope.choices, widget=forms.CheckboxSelectMultiple, initial=["read_catalog"]
    )
    lifetime_days = forms.TypedChoiceField(label=_("유효기간"), choices=LIFETIMES, coerce=int, initial=90)
