from order_fixtures import build_package, buyer, on_sale, other_buyer, paid_order  # noqa: F401
