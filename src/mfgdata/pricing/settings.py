"""Pricing inputs a person controls: the rate table and product.yaml `pricing`.

The shipped rate table (`data/rates.example.yaml`) is an editable *example*: every price made with it says
so in its reasons, together with the table's source and year (empty until someone fills them in).
product.yaml may name another table and override any figure:

```yaml
pricing:
  rate_table: rates.yaml          # relative to the project folder
  daily_rate_krw: 380000          # the processor's own person-day rate
  person_days: {preparation: 6}   # per stage; stages not given are estimated from the project
  infrastructure_krw: 150000
  verification_krw: 500000
  expected_sales: 8
  catalog: comparables.yaml       # comparable products for the market approach
```
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from mfgdata.packaging.errors import package_error

EXAMPLE_TABLE = "data/rates.example.yaml"


@dataclass(frozen=True)
class PricingSettings:
    """The rate table merged with the product's own pricing settings."""

    table: dict[str, Any]
    table_name: str
    own: dict[str, Any]
    folder: Path

    @property
    def is_example(self) -> bool:
        return bool(self.table.get("example"))

    def daily_rate(self) -> tuple[int, str]:
        """The person-day rate and where it came from."""
        if self.own.get("daily_rate_krw"):
            return int(self.own["daily_rate_krw"]), "product.yaml"
        grade = str(self.table.get("default_grade", "intermediate"))
        return int(self.table["daily_rates_krw"][grade]), f"{self.table_name} ({grade})"

    def figure(self, key: str, default: Any) -> Any:
        """product.yaml `pricing.<key>`, else the table's value, else `default`."""
        return self.own.get(key, self.table.get(key, default))

    def catalog_path(self) -> Path | None:
        name = self.own.get("catalog")
        return (self.folder / str(name)) if name else None


def _read_table(path: Path | None) -> tuple[dict[str, Any], str]:
    if path is None:
        text = resources.files("mfgdata.pricing").joinpath(EXAMPLE_TABLE).read_text(encoding="utf-8")
        return yaml.safe_load(text), "rates.example.yaml"
    if not path.is_file():
        raise package_error(
            "rate-table-missing",
            path,
            "product.yaml pricing.rate_table이 가리키는 단가표가 없습니다.",
            "The rate table named by product.yaml pricing.rate_table does not exist.",
        )
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}, path.name


def load_settings(folder: Path, product: dict[str, Any]) -> PricingSettings:
    """The settings for the project `folder`."""
    own = product.get("pricing") or {}
    table_name = own.get("rate_table")
    table, name = _read_table(folder / str(table_name) if table_name else None)
    return PricingSettings(table, name, own, folder)
