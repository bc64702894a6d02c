"""Programme rules (지원사업 규칙) as data: one validated definition file per programme year, and pure rules.

No Django here: the CLI's pricing reads caps from it, and the site calls it for windows, documents,
exclusions, scoring, selection, budgets and subsidies. Shipped definitions: ``programmes/*.yaml``.
"""

from mfgdata.rules.loader import find_programme, get_programme, load_programme, load_programmes
from mfgdata.rules.programme import Programme
from mfgdata.rules.subsidy import SubsidyQuote, purchase_subsidy

__all__ = [
    "Programme",
    "SubsidyQuote",
    "find_programme",
    "get_programme",
    "load_programme",
    "load_programmes",
    "purchase_subsidy",
]
