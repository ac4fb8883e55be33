"""Settings come from the environment; the production profile passes `manage.py check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from lienthong.env import email_settings, env

ROOT = Path(__file__).resolve().parents[3]


def _run_manage(*args, **extra_env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTEST_VERSION", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_profile_passes_check_deploy(tmp_path):
    result = _run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        LIENTHONG_PROFILE="production",
        SECRET_KEY="x" * 20 + "production-secret-for-the-check-only-" + "y" * 20,
        ALLOWED_HOSTS="dichvucong.example.gov.vn",
        LIENTHONG_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_profile_refuses_to_start_without_secret_key(tmp_path):
    result = _run_manage("check", LIENTHONG_PROFILE="production", LIENTHONG_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_env_casts_and_rejects_bad_values(monkeypatch):
    monkeypatch.setenv("LT_FLAG", "yes")
    monkeypatch.setenv("LT_LIST", "a, b,,c")
    monkeypatch.setenv("LT_NUMBER", "12")
    assert env("LT_FLAG", cast=bool) is True
    assert env("LT_LIST", cast=list) == ["a", "b", "c"]
    assert env("LT_NUMBER", cast=int) == 12
    assert env("LT_ABSENT", "fallback") == "fallback"
    monkeypatch.setenv("LT_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env("LT_FLAG", cast=bool)
    with pytest.raises(ImproperlyConfigured):
        env("LT_ABSENT")


def test_email_url_parsing():
    smtp = email_settings("smtp://user%40mail:p%40ss@mail.example.vn:2525")
    assert smtp["EMAIL_HOST"] == "mail.example.vn"
    assert smtp["EMAIL_PORT"] == 2525
    assert smtp["EMAIL_HOST_USER"] == "user@mail"
    assert smtp["EMAIL_HOST_PASSWORD"] == "p@ss"
    assert smtp["EMAIL_USE_TLS"] is True
    assert email_settings("smtps://mail.example.vn")["EMAIL_USE_SSL"] is True
    assert email_settings("console://")["EMAIL_BACKEND"].endswith("console.EmailBackend")
    with pytest.raises(ImproperlyConfigured):
        email_settings("ftp://nowhere")


def test_defaults_are_vietnamese_time_and_language(settings):
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.LANGUAGE_CODE == "vi"
    assert [code for code, _ in settings.LANGUAGES] == ["vi", "en"]
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_object_storage_chosen_by_environment(tmp_path):
    code = "from django.conf import settings; print(settings.STORAGES['default']['BACKEND'])"
    environment = {k: v for k, v in os.environ.items() if k != "PYTEST_VERSION"}
    environment.update(
        S3_BUCKET="lienthong-files",
        LIENTHONG_DATA_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="lienthong.settings",
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "storages.backends.s3.S3Storage", result.stderr
