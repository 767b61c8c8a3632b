"""Filled in by the pages of issue #4."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
