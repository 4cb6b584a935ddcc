from django.urls import path

from . import views, views_stock

app_name = "storefront"

urlpatterns = [
    path("", views.model_range, name="range"),
    path("models/<slug:slug>/", views.model_detail, name="model"),
    path("configure/<str:trim_code>/", views.configure, name="configure"),
    path("configure/<str:trim_code>/toggle", views.toggle, name="toggle"),
    path("configure/<str:trim_code>/show", views.show, name="show"),
    path("configure/<str:trim_code>/car.svg", views.car_image, name="car-image"),
    path("configure/<str:trim_code>/summary", views.summary, name="summary"),
    path("c/<str:code>/", views.saved, name="saved"),
    path("c/<str:code>/qr.svg", views.saved_qr, name="saved-qr"),
    path("compare/", views.compare, name="compare"),
]

urlpatterns += [
    path("cars/", views_stock.stock, name="stock"),
    path("cars/<str:vin>/", views_stock.vehicle, name="vehicle"),
]
