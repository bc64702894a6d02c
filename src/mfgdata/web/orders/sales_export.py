"""The seller's sales table as an Excel workbook (XLSX), beside the CSV: the same columns, numbers as numbers.

Won columns are integers with a thousands format (Excel sums them as they are); the header row is frozen and bold.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from mfgdata.web.accounts.models import Organisation
from mfgdata.web.orders.selectors import SALES_HEADER, sales_by_product

WON_FORMAT = '#,##0"원"'
WON_COLUMNS = (5, 6, 7)  # 공급가액, 합계, 환불 (1-based)


def sales_xlsx(*, organisation: Organisation) -> bytes:
    """One sheet, one row per product: orders, buying organisations, revenue, refunds, downloads."""
    book = Workbook()
    sheet = book.active
    sheet.title = "판매 현황"
    sheet.append(SALES_HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sales_by_product(organisation=organisation):
        sheet.append(
            [
                row.listing.title_ko,
                row.listing.version,
                row.orders,
                row.buyers,
                row.supply_krw,
                row.total_krw,
                row.refunded_krw,
                row.downloads,
            ]
        )
    for column in WON_COLUMNS:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = WON_FORMAT
    widths = (40, 10, 10, 14, 18, 22, 16, 12)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[chr(ord("A") + index - 1)].width = width
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
