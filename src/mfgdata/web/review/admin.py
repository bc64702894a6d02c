from django.contrib import admin

from mfgdata.web.review.models import ReviewDecision, ReviewItem

admin.site.register(ReviewItem)
admin.site.register(ReviewDecision)
