from django.urls import path

from mfgdata.web.programs import money_views, operator_views, register_views, views

app_name = "programs"
urlpatterns = [
    path("", views.call_list, name="calls"),
    path("calls/new/", views.call_new, name="call-new"),
    path("calls/<int:pk>/", views.call_detail, name="call"),
    path("calls/<int:pk>/apply/", views.apply, name="apply"),
    path("calls/<int:pk>/listed-products.csv", views.products_csv, name="products-csv"),
    path("applications/<int:pk>/", views.application_detail, name="application"),
    path("applications/<int:pk>/documents/", views.document_add, name="document-add"),
    path("applications/<int:pk>/submit/", views.submit, name="submit"),
    path("applications/<int:pk>/supplement/", views.supplement, name="supplement"),
    path("mine/", views.mine, name="mine"),
    path("pool/<str:programme_id>/", operator_views.pool, name="pool"),
    path("operator/calls/<int:pk>/", operator_views.queue, name="queue"),
    path("operator/calls/<int:pk>/export.xlsx", operator_views.export, name="export"),
    path("operator/calls/<int:pk>/selection/", operator_views.selection, name="selection"),
    path("operator/applications/<int:pk>/", operator_views.review, name="review"),
    path("registers/sanctions/", register_views.sanctions, name="sanctions"),
    path("registers/consulting/<str:programme_id>/", register_views.consulting, name="consulting"),
    path("evaluator/", operator_views.assignments, name="assignments"),
    path("evaluator/applications/<int:pk>/", operator_views.sheet, name="sheet"),
    path("evaluator/applications/<int:pk>/conflict/", operator_views.conflict, name="conflict"),
    path("operator/applications/<int:pk>/agreement/", money_views.agreement_new, name="agreement-new"),
    path("agreements/<int:pk>/", money_views.agreement_detail, name="agreement"),
    path("claims/<int:pk>/", money_views.claim_detail, name="claim"),
    path("claims/<int:pk>/lines/<int:line>/document.pdf", money_views.claim_document, name="claim-document"),
    path("operator/calls/<int:pk>/budget/", money_views.call_money, name="call-money"),
    path("operator/calls/<int:pk>/budget.xlsx", money_views.call_money_export, name="call-money-export"),
    path("organisation/", money_views.organisation_page, name="organisation"),
    path("organisations/<int:pk>/", money_views.organisation_page, name="organisation-of"),
]
