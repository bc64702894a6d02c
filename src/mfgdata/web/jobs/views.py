"""The job progress fragment, polled with HTMX on the listing page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from mfgdata.web.accounts.permissions import require
from mfgdata.web.jobs.models import JobRun
from mfgdata.web.listings.models import Listing
from mfgdata.web.listings.permissions import why_not_view_listing


@login_required
def listing_jobs(request: HttpRequest, listing_id: int) -> HttpResponse:
    listing = get_object_or_404(Listing, pk=listing_id)
    require(why_not_view_listing(user=request.user, listing=listing))
    runs = JobRun.objects.filter(upload__listing=listing).order_by("-id")[:10]
    pending = any(r.status in ("queued", "running") for r in runs)
    return render(request, "jobs/_runs.html", {"runs": runs, "pending": pending, "listing": listing})
