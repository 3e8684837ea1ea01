"""Pages hold no inline script or style, so the policy needs no 'unsafe-inline'."""

import re
from pathlib import Path

from django.conf import settings

# Print templates only ever reach WeasyPrint, which applies no Content-Security-Policy.
SERVED = [
    path
    for path in (Path(settings.BASE_DIR) / "templates").rglob("*.html")
    if "print" not in path.relative_to(Path(settings.BASE_DIR) / "templates").parts[:1]
    and path.name != "base_print.html"
]

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>")
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=\s*[\"']", re.IGNORECASE)


def test_templates_exist_to_check():
    assert len(SERVED) > 20


def test_no_page_template_has_style_attributes_or_blocks():
    offenders = [
        str(path.name)
        for path in SERVED
        if 'style="' in path.read_text() or "<style" in path.read_text()
    ]
    assert offenders == []


def test_no_page_template_has_inline_scripts_or_event_handlers():
    offenders = [
        str(path.name)
        for path in SERVED
        if INLINE_SCRIPT.search(path.read_text()) or EVENT_HANDLER.search(path.read_text())
    ]
    assert offenders == []


def test_no_script_writes_a_style_attribute():
    scripts = (Path(settings.BASE_DIR) / "static" / "js").glob("*.js")
    offenders = [
        path.name
        for path in scripts
        if re.search(
            r"setAttribute\(\s*['\"]style|\.style\.cssText|innerHTML[^;]*style=", path.read_text()
        )
    ]
    assert offenders == []


def test_htmx_does_not_inject_its_indicator_style():
    base = (Path(settings.BASE_DIR) / "templates" / "base.html").read_text()
    assert 'name="htmx-config"' in base
    assert '"includeIndicatorStyles":false' in base.replace(" ", "")
