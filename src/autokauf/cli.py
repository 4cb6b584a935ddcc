"""`autokauf`: run, serve and operate the store.

autokauf run [--host H] [--port N]   migrate, load the demo catalogue into an empty database,
                                     start the web server and the task worker
autokauf serve                       the web server only (granian, WSGI)
autokauf worker                      the background task worker only
autokauf migrate                     apply database migrations
autokauf load-catalog FILE           import a catalogue file (all or nothing)
autokauf export-catalog [FILE]       write the catalogue file
autokauf create-staff EMAIL          a back-office login
"""

from __future__ import annotations

import argparse
import getpass
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "autokauf.settings")
    import django

    django.setup()


def _manage(*args: str) -> None:
    from django.core.management import call_command

    call_command(*args)


def cmd_migrate(args: argparse.Namespace) -> int:
    _setup_django()
    _manage("migrate", "--no-input", "-v", "0")
    return 0


def _prepare() -> tuple[bool, list[tuple[str, str]]]:
    """Migrate; outside production, load the demo store into an empty database (catalogue,
    lenders, stock, dealers and the back-office login). Answers whether the catalogue was loaded,
    and the demo logins."""
    from django.conf import settings

    _manage("migrate", "--no-input", "-v", "0")
    from autokauf import catalog, dealers, financing, inventory
    from autokauf.accounts.services import ensure_demo_staff

    if settings.PRODUCTION:
        # A production store starts empty: its catalogue, lenders and stock are imported.
        _manage("collectstatic", "--no-input", "-v", "0")
        return False, []
    loaded = catalog.load_demo_catalogue_if_empty()
    financing.load_demo_lenders_if_empty()
    inventory.load_demo_stock_if_empty()
    staff = ensure_demo_staff()
    logins = ([staff] if staff else []) + dealers.load_demo_dealers_if_empty()[:3]
    return loaded, logins


def default_threads() -> int:
    """Threads per web worker: two on PostgreSQL, where one thread runs while the other waits
    for the database (docs/adr/0017); one on SQLite, whose writers would queue on the database
    lock (docs/adr/0009)."""
    url = os.environ.get("DATABASE_URL", "")
    return 2 if url.startswith(("postgres://", "postgresql://", "pgsql://")) else 1


def _server_command(host: str, port: int, workers: int, threads: int = 1) -> list[str]:
    return [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "wsgi",
        "autokauf.wsgi:application",
        "--host",
        host,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--blocking-threads",
        str(threads),
        "--no-access-log",
        "--respawn-failed-workers",
    ]


def _worker_command() -> list[str]:
    return [sys.executable, "-m", "autokauf.manage", "db_worker"]


def _scheduler_command() -> list[str]:
    return [sys.executable, "-m", "autokauf.manage", "run_scheduler"]


def _child_env(workers: int, port: int | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "autokauf.settings")
    if port is not None:
        # The sandbox payment provider calls this store back at its own address.
        env.setdefault(
            "PAYMENTS_WEBHOOK_URL", f"http://127.0.0.1:{port}/api/v1/payments/webhooks/sandbox"
        )
    if workers > 1 and "PROMETHEUS_MULTIPROC_DIR" not in env:
        from django.conf import settings

        metrics_dir = Path(settings.DATA_DIR) / "metrics"
        metrics_dir.mkdir(parents=True, exist_ok=True)
        for stale in metrics_dir.glob("*.db"):
            stale.unlink()
        env["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)
    return env


def _supervise(commands: list[list[str]], env: dict[str, str]) -> int:
    """Run the processes until one ends or we are told to stop; then stop them all."""
    children = [subprocess.Popen(command, env=env) for command in commands]
    stopping = False

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(0.2)
    finally:
        for child in children:
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
    failed = [child.returncode for child in children if child.returncode not in (0, -15, None)]
    return 0 if stopping or not failed else 1


def cmd_run(args: argparse.Namespace) -> int:
    _setup_django()
    loaded, logins = _prepare()
    url = f"http://{'127.0.0.1' if args.host in ('0.0.0.0', '::') else args.host}:{args.port}/"
    print(f"Autokauf is starting at {url}", flush=True)
    if loaded:
        print("The demo catalogue was loaded into the empty database.", flush=True)
    print(f"Back office: {url}backoffice/", flush=True)
    for email, password in logins:
        print(f"Demo login: {email} / {password}", flush=True)
    print("API docs: " + url + "api/docs    Stop with Ctrl-C.", flush=True)
    commands = [
        _server_command(args.host, args.port, args.workers, args.threads),
        _worker_command(),
        _scheduler_command(),
    ]
    return _supervise(commands, _child_env(args.workers, args.port))


def cmd_serve(args: argparse.Namespace) -> int:
    _setup_django()
    return _supervise(
        [_server_command(args.host, args.port, args.workers, args.threads)],
        _child_env(args.workers),
    )


def cmd_worker(args: argparse.Namespace) -> int:
    _setup_django()
    return _supervise([_worker_command(), _scheduler_command()], _child_env(1))


def cmd_load_catalog(args: argparse.Namespace) -> int:
    _setup_django()
    from autokauf import catalog
    from autokauf.core.errors import DomainError

    try:
        report = catalog.import_catalogue(Path(args.file))
    except DomainError as exc:
        print(f"{args.file}: {exc.detail}", file=sys.stderr)
        for problem in exc.extra.get("problems", []):
            print(f"  {problem['place']}: {problem['message']}", file=sys.stderr)
        print("Nothing was imported.", file=sys.stderr)
        return 1
    print(report)
    return 0


def cmd_export_catalog(args: argparse.Namespace) -> int:
    _setup_django()
    from autokauf import catalog

    text = catalog.export_catalogue()
    if args.file in (None, "-"):
        sys.stdout.write(text)
    else:
        Path(args.file).write_text(text, encoding="utf-8")
    return 0


def cmd_create_staff(args: argparse.Namespace) -> int:
    _setup_django()
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from autokauf.accounts.services import create_staff

    password = args.password or os.environ.get("AUTOKAUF_STAFF_PASSWORD") or getpass.getpass()
    try:
        validate_password(password)
        create_staff(email=args.email, password=password, superuser=args.superuser)
    except (ValidationError, ValueError) as exc:
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        print("\n".join(messages), file=sys.stderr)
        return 1
    print(f"Created {'admin' if args.superuser else 'staff member'} {args.email}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="autokauf", description="Run and operate Autokauf.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, func, text in (
        ("run", cmd_run, "migrate, load demo data if empty, start server and worker"),
        ("serve", cmd_serve, "start the web server only"),
    ):
        p = sub.add_parser(name, help=text, description=text)
        p.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        p.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        p.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2")))
        p.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("WEB_THREADS", str(default_threads()))),
            help="threads per web worker",
        )
        p.set_defaults(func=func)
    sub.add_parser(
        "worker", help="start the task worker (and the scheduler of periodic sweeps) only"
    ).set_defaults(func=cmd_worker)
    sub.add_parser("migrate", help="apply database migrations").set_defaults(func=cmd_migrate)
    p = sub.add_parser("load-catalog", help="import a catalogue file; all or nothing")
    p.add_argument("file")
    p.set_defaults(func=cmd_load_catalog)
    p = sub.add_parser("export-catalog", help="write the catalogue file (to stdout by default)")
    p.add_argument("file", nargs="?")
    p.set_defaults(func=cmd_export_catalog)
    p = sub.add_parser("create-staff", help="create a back-office login")
    p.add_argument("email")
    p.add_argument("--password", help="else AUTOKAUF_STAFF_PASSWORD, else asked for")
    p.add_argument("--superuser", action="store_true", help="with every permission")
    p.set_defaults(func=cmd_create_staff)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
