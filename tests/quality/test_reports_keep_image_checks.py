"""Writing a PDF report must not change how images are read afterwards in the same process."""

from __future__ import annotations

from PIL import ImageFile

from mfgdata.quality.report_html import _weasyprint_html


def test_importing_the_pdf_engine_keeps_truncated_images_refused() -> None:
    # given: Pillow's default, under which truncated images are errors
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    # when: the PDF engine is imported (WeasyPrint flips this process-wide flag on import)
    _weasyprint_html()
    # then: truncated images are still refused, so profile and verify keep reporting them as corrupt
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
