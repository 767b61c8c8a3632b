from django.http import HttpResponse
from django.shortcuts import render

from kinerja.core.http import AuthedHttpRequest
from kinerja.organisasi import selectors


def unit_tree(request: AuthedHttpRequest) -> HttpResponse:
    roots = selectors.unit_tree(user=request.user)
    return render(request, "organisasi/unit_tree.html", {"roots": roots})
