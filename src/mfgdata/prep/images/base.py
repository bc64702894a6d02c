"""What an image step is: a recipe step that changes files, not rows, applied when the images are written.

Image steps are listed in the recipe like any step (so they are checked and recorded in the lineage), but
they have no SQL: the image build takes them out of the table plan and applies them, in recipe order, to
each image as it is written. On a tabular input they are refused with a clear error.
"""

from __future__ import annotations

from typing import Any, ClassVar

from mfgdata.prep.errors import StepError
from mfgdata.prep.images.picture import Picture
from mfgdata.prep.schema import Schema
from mfgdata.prep.steps.base import S, Step


class ImageStep(Step[S]):
    """Base of image steps: `check` the settings, `apply` to one picture; counts say what changed."""

    acts_on_files: ClassVar[bool] = True

    def check(self) -> None:
        """Refuse settings that cannot work (StepError naming the setting); called before any work."""

    def apply(self, picture: Picture) -> bool:
        """Change `picture` in place; True when this step changed it (for the lineage count)."""
        raise NotImplementedError

    def plan(self, schema: Schema) -> Schema:
        raise StepError(
            "image-step-on-table",
            f"'{self.type}' 단계는 이미지 폴더를 입력으로 하는 레시피에서만 쓸 수 있습니다. 이 단계를 지우세요.",
            f"The '{self.type}' step works only when the recipe's input is a folder of images. Remove it.",
            "type",
        )

    def sql(self, source: str, schema: Schema) -> str:
        raise NotImplementedError("image steps have no SQL; the image build applies them to files")


def is_image_step(step: Step[Any]) -> bool:
    """Whether `step` acts on image files rather than on rows."""
    return isinstance(step, ImageStep)
