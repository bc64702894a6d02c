"""Conceptualization (개념화) and classification (분석 및 분류) of a profiled dataset.

From a profile (`mfgdata.profiling`), this package decides each column's role and sensitivity, the
product category and the process, and writes the files of a product project: contract.yaml (ODCS v3),
product.yaml, equipment.yaml, recipe.yaml and sources.yaml. Every decision carries its reason in Korean
and English so a person can check and change it.

The names below are imported when first used: `init_project` profiles data and so imports the profilers,
which a module needing only `mfgdata.dictionary.identity` (the quality checks do) should not pay for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mfgdata.lazy_names import names_from

if TYPE_CHECKING:
    from mfgdata.dictionary.category import CATEGORIES, Classification, RuleOutcome, classify
    from mfgdata.dictionary.contract import build_contract, contract_yaml, load_contract, write_contract
    from mfgdata.dictionary.init import PROJECT_FILES, init_project
    from mfgdata.dictionary.process import ProcessGuess, guess_process
    from mfgdata.dictionary.product import equipment_yaml, product_yaml
    from mfgdata.dictionary.recipe_draft import draft_recipe
    from mfgdata.dictionary.roles import ROLES, ColumnRole, assign_roles
    from mfgdata.dictionary.sensitivity import LEVELS, sensitivity_of

_HOMES = {
    "CATEGORIES": "category",
    "Classification": "category",
    "RuleOutcome": "category",
    "classify": "category",
    "build_contract": "contract",
    "contract_yaml": "contract",
    "load_contract": "contract",
    "write_contract": "contract",
    "PROJECT_FILES": "init",
    "init_project": "init",
    "ProcessGuess": "process",
    "guess_process": "process",
    "equipment_yaml": "product",
    "product_yaml": "product",
    "draft_recipe": "recipe_draft",
    "ROLES": "roles",
    "ColumnRole": "roles",
    "assign_roles": "roles",
    "LEVELS": "sensitivity",
    "sensitivity_of": "sensitivity",
}

__all__ = [
    "CATEGORIES",
    "LEVELS",
    "PROJECT_FILES",
    "ROLES",
    "Classification",
    "ColumnRole",
    "ProcessGuess",
    "RuleOutcome",
    "assign_roles",
    "build_contract",
    "classify",
    "contract_yaml",
    "draft_recipe",
    "equipment_yaml",
    "guess_process",
    "init_project",
    "load_contract",
    "product_yaml",
    "sensitivity_of",
    "write_contract",
]

__getattr__ = names_from(__name__, _HOMES)
