"""Every error under /api/ is problem details, also where no operation of the API was reached."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def test_an_unknown_api_path_answers_404_problem_details():
    response = Client().get("/api/v1/nothing")

    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert response.json() == {
        "type": "https://autokauf.example/problems/not-found",
        "title": "Not Found",
        "status": 404,
        "detail": "No such resource.",
        "instance": "/api/v1/nothing",
    }


def test_a_wrong_method_on_an_api_path_answers_405_problem_details_with_the_allowed_ones():
    response = Client().put("/api/v1/catalog/models", "{}", content_type="application/json")

    assert response.status_code == 405
    assert response["Content-Type"] == PROBLEM
    assert response["Allow"] == "GET"
    assert response.json() == {
        "type": "https://autokauf.example/problems/method-not-allowed",
        "title": "Method Not Allowed",
        "status": 405,
        "detail": "PUT is not allowed here; allowed: GET.",
        "instance": "/api/v1/catalog/models",
    }


def test_an_unknown_page_outside_the_api_keeps_its_html_404():
    response = Client().get("/gibt-es-nicht/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
