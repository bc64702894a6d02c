"""Which package `mfgdata publish DIR` uploads: the one the project's `package` step wrote while it is current,
otherwise a fresh one."""

from __future__ import annotations

import os
from pathlib import Path

from mfgdata.client.publish import package_for

from .conftest import set_product


def test_publish_uses_the_built_package_and_packages_again_when_the_project_changed(ai4i: Path) -> None:
    made, how = package_for(ai4i)
    assert how == "packaged" and made.parent == ai4i / "build" and made.name.startswith("ai4i-")
    assert made.is_file()

    again, how = package_for(ai4i)
    assert (again, how) == (made, "built")

    set_product(ai4i, title={"ko": "설비 고장 예측 데이터", "en": "Machine failure data"})
    later = made.stat().st_mtime + 5
    os.utime(ai4i / "product.yaml", (later, later))
    _, how = package_for(ai4i)
    assert how == "packaged"


def test_a_zip_is_used_as_given(tmp_path: Path) -> None:
    given = tmp_path / "p.zip"
    given.write_bytes(b"PK")
    assert package_for(given) == (given, "given")
