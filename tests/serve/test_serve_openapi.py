"""Property-based run of the OpenAPI spec with schemathesis: no request makes the server fail."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable

from ringscope.serve.app import create_app

from .conftest import Fixture

schemathesis = pytest.importorskip("schemathesis")
checks = pytest.importorskip("schemathesis.checks")

EXAMPLES = 30


def test_no_request_makes_a_server_error(served: Fixture) -> None:
    schema = schemathesis.openapi.from_asgi(
        "/openapi.json", create_app(served.path), headers=served.headers("viewer")
    )
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    headers = served.headers("admin")
    failures: list[str] = []
    statuses: set[int] = set()
    modes = [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE]
    for operation, mode in [(op, mode) for op in operations for mode in modes]:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        def run(case: Any) -> None:
            response = case.call(headers=headers)
            statuses.add(response.status_code)
            if response.status_code >= 500:
                failures.append(
                    f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:200]}"
                )
                return
            if response.status_code >= 400:
                return
            try:
                case.validate_response(
                    response, checks=[checks.not_a_server_error, checks.response_schema_conformance]
                )
            except Exception as exc:  # noqa: BLE001 - collected and reported together
                failures.append(f"{case.method} {case.formatted_path}: {str(exc)[:300]}")

        try:
            run()
        except Unsatisfiable:
            assert mode is schemathesis.GenerationMode.NEGATIVE  # nothing to get wrong (no parameters)
    assert not failures, "\n".join(failures[:10])
    assert 200 in statuses and 422 in statuses  # both valid and invalid input were tried


def test_the_spec_needs_authentication(served: Fixture) -> None:
    client = TestClient(create_app(served.path))
    assert client.get("/openapi.json").status_code == 401
    assert client.get("/openapi.json", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert "paths" in client.get("/openapi.json", headers=served.headers("viewer")).json()


def test_the_spec_documents_every_api_route(served: Fixture) -> None:
    spec = create_app(served.path).openapi()
    paths = set(spec["paths"])
    for path in ("/health", "/api/v1/reports", "/api/v1/claims", "/api/v1/search", "/api/v1/export/ftm"):
        assert path in paths
    assert "HTTPBearer" in spec["components"]["securitySchemes"]
    assert not any(p.startswith(("/login", "/map")) for p in paths)  # web pages stay out of the API spec
