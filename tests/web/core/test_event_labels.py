"""Histories name what happened in the interface's language (승인, 협약 체결), never by the service's code."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from mfgdata.web.core.event_labels import LABELS, event_label
from mfgdata.web.listings.states import TRANSITIONS as LISTING_TRANSITIONS
from mfgdata.web.programs.money_states import AGREEMENT_TRANSITIONS, CLAIM_TRANSITIONS
from mfgdata.web.programs.states import TRANSITIONS as APPLICATION_TRANSITIONS

SHOWN_IN_HISTORIES = (LISTING_TRANSITIONS, APPLICATION_TRANSITIONS, AGREEMENT_TRANSITIONS, CLAIM_TRANSITIONS)


@pytest.mark.parametrize("table", SHOWN_IN_HISTORIES)
def test_every_move_of_a_state_machine_shown_in_a_history_has_a_label(table: dict[tuple[str, str], str]) -> None:
    assert sorted({action for _, action in table} - set(LABELS)) == []


def test_labels_follow_the_active_language_and_kinds_after_a_prefix_are_kept() -> None:
    with translation.override("ko"):
        assert event_label("sign") == "협약 체결"
        assert event_label("inspection_usage") == "점검 기록 (usage)"
        assert event_label("some-new-code") == "some-new-code"
    with translation.override("en"):
        assert event_label("sign") == "Signed"
        assert event_label("supersede") == "Superseded by a new version"


def test_the_template_filter_renders_the_label() -> None:
    template = Template("{% load site_format %}{{ action|event_label }}")
    with translation.override("ko"):
        assert template.render(Context({"action": "return"})) == "반려"
