"""Production settings: strict environment, deploy checklist clean (SECURITY S2, S13)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from macehub import settings as project_settings
from macehub.lib.env import database_from_url, env_bool, env_int, env_str

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION = {
    "MACEHUB_ENV": "production",
    "SECRET_KEY": "production-test-key-" + "x7Qp2Lm9Zr4Wt8Vb3Nc6Hd1Jf5Kg0Sy" * 2,
    "ALLOWED_HOSTS": "macehub.example.org",
    "SITE_URL": "https://macehub.example.org",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items()
             if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "MACEHUB_ENV", "DEBUG", "SITE_URL",
                          "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=120, check=False)


def test_production_passes_the_deploy_checklist_with_zero_warnings() -> None:
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues (0 silenced)" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL"])
def test_production_refuses_to_start_without_a_required_value(missing: str) -> None:
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert f"Environment variable {missing} is required but not set" in result.stderr


def test_production_refuses_debug() -> None:
    result = _manage("check", env={**PRODUCTION, "DEBUG": "true"})
    assert "DEBUG must be false" in result.stderr


def test_env_bool_accepts_only_true_or_false(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG must be true or false"):
        env_bool("FLAG", default=False)
    monkeypatch.setenv("FLAG", "false")
    assert env_bool("FLAG", default=True) is False


def test_missing_values_never_become_the_string_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ABSENT", raising=False)
    assert env_str("ABSENT") == ""
    with pytest.raises(ImproperlyConfigured, match="ABSENT is required"):
        env_str("ABSENT", required=True)
    monkeypatch.setenv("NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="NUMBER must be a whole number"):
        env_int("NUMBER", 1)


def test_database_url_switches_to_postgresql() -> None:
    config = database_from_url("postgres://mh:s%40cret@db.example.org:5433/macehub")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["PASSWORD"]) == ("db.example.org", "5433",
                                                                    "s@cret")
    socket = database_from_url("postgres://mh@/macehub?host=/run/pg")
    assert socket["HOST"] == "/run/pg"
    with pytest.raises(ImproperlyConfigured):
        database_from_url("mysql://x@y/z")


def test_sqlite_runs_in_wal_mode_with_immediate_transactions() -> None:
    options = project_settings.DATABASES["default"].get("OPTIONS", {})
    if project_settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        assert options["transaction_mode"] == "IMMEDIATE"
        assert "journal_mode=WAL" in options["init_command"]


def test_passwords_are_hashed_with_argon2() -> None:
    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_password_rules_length_12_to_128_and_common_passwords(db: object) -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for bad in ["short-pass", "x" * 129, "password1234"]:
        with pytest.raises(ValidationError):
            validate_password(bad)
    validate_password("a long enough passphrase")



@pytest.mark.parametrize("pooled", ["false", "true"])
def test_postgresql_connections_ask_for_no_jit_unless_pooled(pooled: str) -> None:
    # The settings are read in a fresh process; no connection is opened.
    shown = subprocess.run(
        [sys.executable, "-c", "import django, os; "
         "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'macehub.settings'); "
         "from django.conf import settings; d = settings.DATABASES['default']; "
         "print(d.get('OPTIONS'), d['DISABLE_SERVER_SIDE_CURSORS'])"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=True,
        env={**os.environ, "DATABASE_URL": "postgres://mh@/macehub?host=/run/pg",
             "DB_POOLER_TRANSACTION_MODE": pooled}).stdout.strip()
    assert shown == ("None True" if pooled == "true" else
                     "{'options': '-c jit=off'} False")
