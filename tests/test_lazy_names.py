"""Package names load when first used: the same objects as their modules', and unknown names are refused."""

from __future__ import annotations

import subprocess
import sys

import pytest


def test_a_package_name_is_its_modules_object_and_an_unknown_one_is_refused() -> None:
    import mfgdata.prep
    from mfgdata.prep.build import build_recipe

    assert mfgdata.prep.build_recipe is build_recipe
    missing = "nothing"  # a name the package does not have, looked up as a caller's code would
    with pytest.raises(AttributeError, match=f"no attribute '{missing}'"):
        getattr(mfgdata.prep, missing)


def test_verifying_does_not_import_the_builders_profilers_or_units() -> None:
    # given a fresh interpreter; when the verify command's modules are imported; then the heavy ones are not
    code = (
        "import sys, mfgdata.cli, mfgdata.quality.deliver; "
        "print(sorted(m for m in ('mfgdata.prep.build', 'mfgdata.profiling', 'scipy', 'pint') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
