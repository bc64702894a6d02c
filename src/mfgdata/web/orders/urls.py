from django.urls import path

from mfgdata.web.orders import seller_views, usage_views, views

app_name = "orders"
urlpatterns = [
    path("", views.order_list, name="list"),
    path("checkout/<str:slug>/", views.checkout, name="checkout"),
    path("download/<str:token>/", views.download, name="download"),
    path("delivery-key.pub", views.delivery_public_key, name="delivery-key"),
    path("sales/", seller_views.sales, name="sales"),
    path("sales.csv", seller_views.sales_export, name="sales-csv"),
    path("sales.xlsx", seller_views.sales_export_xlsx, name="sales-xlsx"),
    path("trade-records.json", seller_views.trade_record_list, name="trade-records"),
    path("settlements/", seller_views.settlement_list, name="settlements"),
    path("settlements/<int:pk>/", seller_views.settlement_detail, name="settlement"),
    path("settlements/<int:pk>/payout/", seller_views.payout, name="payout"),
    path("model/<str:slug>/activate/", usage_views.model_activate, name="model-activate"),
    path("model/<str:slug>/plan/", usage_views.model_plan, name="model-plan"),
    path("model/<str:slug>/end/", usage_views.model_end, name="model-end"),
    path("<str:reference>/", views.order_detail, name="detail"),
    path("<str:reference>/pay/", views.order_pay, name="pay"),
    path("<str:reference>/refund/", views.order_refund, name="refund"),
    path("<str:reference>/cancel/", views.order_cancel, name="cancel"),
    path("<str:reference>/defect/", views.order_confirm_defect, name="defect"),
    path("<str:reference>/document.json", views.document_json, name="document-json"),
    path("<str:reference>/document.pdf", views.document_pdf_view, name="document-pdf"),
    path("<str:reference>/amended/<str:number>.json", views.document_json, name="amended-json"),
    path("<str:reference>/amended/<str:number>.pdf", views.document_pdf_view, name="amended-pdf"),
]
