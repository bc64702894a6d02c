"""AI validity (유효성 검증): does a baseline model learn from a built data product?

`validate_ai(project)` trains a seeded baseline — LightGBM on tables, logistic regression on classical image
features — on a split that cannot leak, compares it with a trivial baseline under bootstrap intervals and
writes `build/quality/ai_validity.json`. See docs/ai-validity.md.
"""

from mfgdata.ai_validity.errors import AiValidityError
from mfgdata.ai_validity.report import FORMAT, REPORT
from mfgdata.ai_validity.validate import Settings, ValidityResult, validate_ai

__all__ = ["FORMAT", "REPORT", "AiValidityError", "Settings", "ValidityResult", "validate_ai"]
