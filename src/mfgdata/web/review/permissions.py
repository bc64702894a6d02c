"""Review permissions are the listing's operator actions (`listings.permissions.why_not_act`), re-exported
so the review views and services read from one place."""

from mfgdata.web.listings.permissions import why_not_act

__all__ = ["why_not_act"]
