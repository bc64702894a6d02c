"""Reads: the current training version and whether an organisation's completion is current."""

from __future__ import annotations

from dataclasses import dataclass

from mfgdata.web.training.models import TrainingCompletion, TrainingContent


def current_content() -> TrainingContent | None:
    """The newest published version (the one people must have agreed to)."""
    return TrainingContent.objects.prefetch_related("items").order_by("-version").first()


def current_completion(*, organisation: object) -> TrainingCompletion | None:
    """The organisation's completion of the current version, if any."""
    content = current_content()
    if content is None or organisation is None:
        return None
    return TrainingCompletion.objects.filter(organisation=organisation, content=content).select_related("user").first()


@dataclass(frozen=True)
class TrainingStatus:
    current_version: int | None
    completion: TrainingCompletion | None
    outdated: TrainingCompletion | None

    @property
    def is_current(self) -> bool:
        return self.completion is not None


def training_status(*, organisation: object) -> TrainingStatus:
    """Whether the organisation's training is current, and the older completion when a new version came out."""
    content = current_content()
    completion = current_completion(organisation=organisation)
    outdated = None
    if completion is None:
        outdated = TrainingCompletion.objects.filter(organisation=organisation).order_by("-signed_at").first()
    return TrainingStatus(content.version if content else None, completion, outdated)
