"""The OpenAPI document and the Swagger UI page: public, complete, and served without a CDN."""

import re
from pathlib import Path

import ninja

API = "/api/v1"

PATHS = {
    "/api/v1/auth/token": ("post", {"200", "400", "401", "429"}),
    "/api/v1/me": ("get", {"200", "401"}),
    "/api/v1/pegawai/{nip}": ("get", {"200", "401", "404"}),
    "/api/v1/pegawai/{nip}/bawahan": ("get", {"200", "400", "401", "404"}),
}


def test_the_openapi_document_lists_every_path_with_its_error_responses(db, client):
    response = client.get(f"{API}/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    for path, (method, statuses) in PATHS.items():
        operation = schema["paths"][path][method]
        assert statuses <= set(operation["responses"]), path
        assert "422" not in operation["responses"]  # bad input is a 400 here


def test_the_openapi_document_declares_bearer_auth_everywhere_but_the_token_endpoint(db, client):
    schema = client.get(f"{API}/openapi.json").json()

    assert schema["components"]["securitySchemes"]["BearerAuth"] == {"type": "http", "scheme": "bearer"}
    assert "security" not in schema["paths"]["/api/v1/auth/token"]["post"]
    assert schema["paths"]["/api/v1/me"]["get"]["security"] == [{"BearerAuth": []}]


def test_the_error_schema_has_a_code_and_a_message(db, client):
    schema = client.get(f"{API}/openapi.json").json()

    error = schema["components"]["schemas"]["ErrorOut"]
    assert {"code", "message"} <= set(error["required"])


def test_the_docs_page_loads_swagger_ui_from_our_own_static_files(db, client):
    response = client.get(f"{API}/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "/static/ninja/swagger-ui.css" in html
    assert "cdn.jsdelivr" not in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "an external script or style"
    assert '"validatorUrl": null' in html  # no call to validator.swagger.io either


def test_the_bundled_swagger_init_script_calls_no_cdn():
    init = Path(ninja.__file__).parent / "static" / "ninja" / "swagger-ui-init.js"

    assert not re.search(r"https?://", init.read_text())


def test_the_docs_need_no_login(db, client):
    # LoginRequiredMiddleware must not send an API client to the HTML login page.
    assert client.get(f"{API}/openapi.json").status_code == 200
    assert client.get(f"{API}/docs").status_code == 200
