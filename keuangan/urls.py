from django.urls import path

from keuangan import views

app_name = "keuangan"

urlpatterns = [
    path("", views.apbdes, name="apbdes"),
    path("<int:tahun>/", views.apbdes, name="apbdes_tahun"),
]
