"""Product packages: data, a public sample, interoperable metadata (Frictionless, Croissant, DCAT-AP),
the data contract, terms, a datasheet, a changelog and a manifest of sha256 digests — as a folder and a
deterministic zip. Packages are read back only after every digest was recomputed."""

from mfgdata.packaging.archive import check_package
from mfgdata.packaging.assemble import PackageResult, package_project
from mfgdata.packaging.diff import diff_packages

__all__ = ["PackageResult", "check_package", "diff_packages", "package_project"]
