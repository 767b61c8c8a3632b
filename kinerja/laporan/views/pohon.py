"""Filled in by the pages of issue #5."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
