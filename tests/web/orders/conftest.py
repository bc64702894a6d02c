from model_fixtures import good_rows, model_buyer, model_files, model_listing  # noqa: F401
from order_fixtures import build_package, buyer, on_sale, other_buyer, paid_order  # noqa: F401
