"""Operating the store: health, readiness, metrics, request ids, logs, production settings."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys

import pytest
from django.test import override_settings

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2},
    }
}


def test_healthz_answers_ok_without_touching_dependencies(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_is_ready_when_database_and_cache_answer(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}


@pytest.mark.django_db
def test_readyz_is_unavailable_when_the_cache_does_not_answer(client):
    with override_settings(CACHES=UNREACHABLE_REDIS):
        response = client.get("/readyz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"].startswith("failed: ")


def test_metrics_count_answered_requests_in_prometheus_format(client):
    client.get("/healthz")
    client.get("/healthz")

    response = client.get("/metrics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    counted = [
        line
        for line in lines
        if line.startswith(
            'autokauf_http_requests_total{method="GET",route="healthz",status="200"}'
        )
    ]
    assert len(counted) == 1
    assert float(counted[0].rsplit(" ", 1)[1]) >= 2


def test_a_sane_caller_request_id_is_kept(client):
    response = client.get("/healthz", headers={"X-Request-ID": "order-flow-1234"})

    assert response["X-Request-ID"] == "order-flow-1234"


def test_an_unusable_request_id_is_replaced_by_a_fresh_one(client):
    response = client.get("/healthz", headers={"X-Request-ID": "bad id\nwith newline"})

    assert response["X-Request-ID"] != "bad id\nwith newline"
    assert len(response["X-Request-ID"]) == 32


def test_log_lines_are_json_carrying_the_request_id(client):
    from django.conf import settings
    from pythonjsonlogger.json import JsonFormatter

    from autokauf.core.observability import RequestIdFilter

    records: list[str] = []
    formatter_config = dict(settings.LOGGING["formatters"]["json"])
    formatter_config.pop("()")

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    handler = Collect()
    handler.setFormatter(JsonFormatter(**formatter_config))
    handler.addFilter(RequestIdFilter())
    access = logging.getLogger("autokauf.access")
    access.addHandler(handler)
    try:
        client.get("/healthz", headers={"X-Request-ID": "trace-abcdef12"})
    finally:
        access.removeHandler(handler)

    line = json.loads(records[-1])
    assert line["request_id"] == "trace-abcdef12"
    assert line["path"] == "/healthz"
    assert line["status"] == 200
    assert line["level"] == "INFO"
    assert "time" in line


def test_a_refusal_is_one_access_line_and_no_warning(client, caplog):
    with caplog.at_level(logging.DEBUG):
        answer = client.get("/api/v1/orders/not-an-order")

    assert answer.status_code == 401
    logged = [(r.name, r.levelname, getattr(r, "status", None)) for r in caplog.records]
    assert logged == [("autokauf.access", "INFO", 401)]


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "autokauf.manage", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_mode_passes_djangos_deployment_checks(tmp_path):
    env = {
        **os.environ,
        "AUTOKAUF_ENV": "production",
        "SECRET_KEY": "k" * 20 + "-production-secret-with-enough-entropy-9f8e7d6c5b4a",
        "ALLOWED_HOSTS": "shop.example",
        "AUTOKAUF_DATA_DIR": str(tmp_path),
        "SANDBOX_PSP_WEBHOOK_SECRET": "whsec_cHJvZHVjdGlvbi1zYW5kYm94LXNlY3JldC0xMjM0NTY=",
    }
    env.pop("DATABASE_URL", None)

    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_mode_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "AUTOKAUF_ENV": "production", "AUTOKAUF_DATA_DIR": str(tmp_path)}
    env.pop("SECRET_KEY", None)

    result = _manage("check", env=env)

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
