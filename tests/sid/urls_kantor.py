"""A URLconf that mounts the back office elsewhere (tests of the admin's remembered URLs)."""

from django.contrib import admin
from django.urls import path

urlpatterns = [path("kantor/", admin.site.urls)]
