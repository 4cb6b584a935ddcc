"""The `autokauf` command, as an operator uses it."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from autokauf.cli import main


def _run_cli(*args: str, data_dir: Path, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "AUTOKAUF_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "autokauf.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_help_names_every_command(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])

    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in (
        "run",
        "serve",
        "worker",
        "migrate",
        "load-catalog",
        "export-catalog",
        "create-staff",
    ):
        assert command in out


def test_a_bad_catalogue_file_is_reported_row_by_row_and_nothing_is_imported(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "brands:\n"
        "  - slug: testa\n"
        "    name: Testa\n"
        "    models:\n"
        "      - slug: one\n"
        "        name: One\n"
        "        body: spaceship\n"
        "        transfer_cost_net: '500.00'\n"
        "        trims: []\n"
        "        options: []\n",
        encoding="utf-8",
    )
    assert _run_cli("migrate", data_dir=tmp_path).returncode == 0

    result = _run_cli("load-catalog", str(bad), data_dir=tmp_path)

    assert result.returncode == 1
    assert "brands[0].models[0].body" in result.stderr
    assert "Nothing was imported." in result.stderr
    exported = _run_cli("export-catalog", data_dir=tmp_path)
    assert "testa" not in exported.stdout


def test_create_staff_makes_a_back_office_login_and_refuses_a_weak_password(tmp_path):
    assert _run_cli("migrate", data_dir=tmp_path).returncode == 0

    weak = _run_cli(
        "create-staff", "anna@autokauf.example", "--password", "1234", data_dir=tmp_path
    )
    good = _run_cli(
        "create-staff",
        "anna@autokauf.example",
        "--password",
        "Lenkrad-und-Reifen-77",
        data_dir=tmp_path,
    )
    again = _run_cli(
        "create-staff",
        "anna@autokauf.example",
        "--password",
        "Lenkrad-und-Reifen-77",
        data_dir=tmp_path,
    )

    assert weak.returncode == 1
    assert "zu kurz" in weak.stderr  # the store speaks German first
    assert good.returncode == 0
    assert "Created staff member anna@autokauf.example" in good.stdout
    assert again.returncode == 1
    assert "exists already" in again.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read().decode()


def _sweeps_done(database: Path, *, deadline: float) -> int:
    """Sweeps the scheduler enqueued and the worker ran, read from the task table."""
    done = 0
    while time.monotonic() < deadline and not done:
        with sqlite3.connect(database) as connection:
            done = connection.execute(
                "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult"
                " WHERE task_path = 'autokauf.core.tasks.sweep' AND status = 'SUCCESSFUL'"
            ).fetchone()[0]
        time.sleep(0.5)
    return int(done)


def test_run_prepares_an_empty_database_and_serves_the_store(tmp_path):
    """What a newcomer gets from `make run`: migrated, demo data, server and worker, a login."""
    port = _free_port()
    env = {**os.environ, "AUTOKAUF_DATA_DIR": str(tmp_path), "WEB_WORKERS": "1"}
    env.pop("DATABASE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "autokauf.cli", "run", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        status, body = 0, ""
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                status, body = _get(f"http://127.0.0.1:{port}/readyz")
                break
            except OSError:
                time.sleep(0.5)
        assert status == 200, body
        status, models = _get(f"http://127.0.0.1:{port}/api/v1/catalog/models")
        assert status == 200
        assert models.count('"slug"') >= 8
        assert _sweeps_done(tmp_path / "autokauf.sqlite3", deadline=time.monotonic() + 60) >= 1
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)

    assert f"Autokauf is starting at http://127.0.0.1:{port}/" in output
    assert "Demo login: admin@autokauf.example / autokauf-demo" in output
    assert "The demo catalogue was loaded" in output
    assert process.returncode == 0


@pytest.mark.parametrize(
    ("database_url", "threads"),
    [
        ("postgres://postgres@127.0.0.1:5432/autokauf", 2),
        ("postgresql://postgres@127.0.0.1:5432/autokauf", 2),
        ("sqlite:////var/lib/autokauf/autokauf.sqlite3", 1),
        ("", 1),
    ],
)
def test_a_web_worker_runs_two_threads_on_postgresql_and_one_on_sqlite(
    monkeypatch, database_url, threads
):
    from autokauf.cli import default_threads

    monkeypatch.setenv("DATABASE_URL", database_url)

    assert default_threads() == threads
