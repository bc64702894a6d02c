"""A client of the marketplace's open API (`/api/v1/`): publish a package, search, buy and download.

Library code: it speaks HTTP with `requests` and never imports Django, so a processor's build machine or a
buyer's pipeline needs only `pip install mfgdata`. The `mfgdata publish|search|buy|download` commands are thin
wrappers over it (`mfgdata.cli.marketplace`).
"""

from mfgdata.client.http import ApiClient, ApiError

__all__ = ["ApiClient", "ApiError"]
