"""Drop pages: the drop with its waiting room, and a buyer's claim."""

from django.urls import path

from . import views

app_name = "flash_sales"

urlpatterns = [
    path("<int:drop_id>/", views.drop_page, name="drop"),
    path("<int:drop_id>/live/", views.drop_live, name="live"),
    path("<int:drop_id>/join/", views.join, name="join"),
    path("<int:drop_id>/claim/", views.claim, name="claim"),
    path("claims/<uuid:claim_id>/", views.claim_page, name="claim_page"),
]
