"""Settings come from the environment; production refuses to start without its secrets."""

import os
import subprocess
import sys
from decimal import Decimal

from django.conf import settings

from apps.core.money import format_amount, yuan_to_wan


def _run_check(env_extra: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **env_extra})
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )


def test_production_requires_secret_key():
    result = _run_check({"ALLOWED_HOSTS": "jixiao.example.org"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_passes_deploy_check_without_warnings():
    result = _run_check(
        {
            "SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-0123456789",
            "ALLOWED_HOSTS": "jixiao.example.org",
        },
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_money_display_in_wan_rounds_half_up():
    assert yuan_to_wan(Decimal("8900.00")) == Decimal("0.89")
    assert yuan_to_wan(Decimal("12345.00")) == Decimal("1.23")
    assert yuan_to_wan(Decimal("12350.00")) == Decimal("1.24")
    assert format_amount(Decimal("800000"), "元") == "800,000.00"
    assert format_amount(Decimal("3200000"), "万元") == "320.00"
