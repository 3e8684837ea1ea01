"""The zh_Hans catalog translates every message the code and templates use."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.utils import translation

ROOT = Path(settings.BASE_DIR)
CATALOG = Path("locale/zh_Hans/LC_MESSAGES/django.po")


def _extract_into_copy(tmp_path: Path) -> Path:
    """Run makemessages on a copy of the sources, so the real catalog is not touched."""
    for name in ("apps", "config", "templates"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    (tmp_path / CATALOG).parent.mkdir(parents=True)
    shutil.copy(ROOT / CATALOG, tmp_path / CATALOG)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-location"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
    )
    return tmp_path / CATALOG


def _entries(catalog: Path, flag: str) -> str:
    result = subprocess.run(
        ["msgattrib", flag, "--no-obsolete", str(catalog)],
        check=True,
        capture_output=True,
        text=True,
    )
    # msgattrib prints the header entry too; keep only real entries.
    return "\n".join(
        block for block in result.stdout.split("\n\n") if block.strip() and 'msgid ""' not in block
    )


def test_every_message_is_translated_and_none_is_fuzzy(tmp_path):
    catalog = _extract_into_copy(tmp_path)
    assert _entries(catalog, "--untranslated") == "", "untranslated messages"
    assert _entries(catalog, "--only-fuzzy") == "", "fuzzy messages"


def test_catalog_is_compiled_and_current():
    compiled = ROOT / CATALOG.with_suffix(".mo")
    assert compiled.exists(), "run `make messages`"
    assert compiled.stat().st_mtime >= (ROOT / CATALOG).stat().st_mtime


def test_default_language_is_simplified_chinese():
    assert settings.LANGUAGE_CODE == "zh-hans"
    with translation.override("zh-hans"):
        assert translation.gettext("Filing state") == "填报状态"
