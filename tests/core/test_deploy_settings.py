"""How the settings of a running site default: no debug pages, HSTS the owner opts into."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

PRINT = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS, "
    "'subdomains': s.SECURE_HSTS_INCLUDE_SUBDOMAINS, 'preload': s.SECURE_HSTS_PRELOAD, "
    "'hsts': s.SECURE_HSTS_SECONDS, 'silenced': s.SILENCED_SYSTEM_CHECKS}))"
)


def settings_of(module: str, **env_extra: str) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD")
    }
    env.update({"DJANGO_SETTINGS_MODULE": module, **env_extra})
    result = subprocess.run(
        [sys.executable, "-c", PRINT],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_make_run_serves_without_debug_unless_asked():
    assert settings_of("config.settings.local")["debug"] is False
    assert settings_of("config.settings.local", DEBUG="1")["debug"] is True
    assert {"127.0.0.1", "localhost"} <= set(settings_of("config.settings.local")["hosts"])


PRODUCTION = {"SECRET_KEY": "k" * 60, "ALLOWED_HOSTS": "jixiao.example.org"}


def test_hsts_leaves_subdomains_and_preload_to_the_site_owner():
    default = settings_of("config.settings.production", **PRODUCTION)
    assert default["hsts"] > 0
    assert default["subdomains"] is False and default["preload"] is False
    assert set(default["silenced"]) == {"security.W005", "security.W021"}


@pytest.mark.parametrize("value", ["1", "true"])
def test_hsts_subdomains_and_preload_when_configured(value):
    chosen = settings_of(
        "config.settings.production",
        **PRODUCTION,
        SECURE_HSTS_INCLUDE_SUBDOMAINS=value,
        SECURE_HSTS_PRELOAD=value,
    )
    assert chosen["subdomains"] is True and chosen["preload"] is True
    assert chosen["silenced"] == []
