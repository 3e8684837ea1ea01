"""Every page carries the production headers; downloads are never cached; sessions last a day."""

import re

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse

from apps.reports.models import ReportJob

FORBIDDEN_FEATURES = ("camera", "microphone", "geolocation", "payment", "usb")


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def test_pages_carry_a_content_security_policy_of_the_sites_own_files(client, world):
    client.force_login(world.filer_a1)

    response = client.get(reverse("home"))

    assert response.status_code == 200
    policy = directives(response)
    for directive in ("default-src", "script-src", "style-src", "font-src"):
        assert policy[directive] == ["'self'"], directive
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_the_login_page_carries_the_policies_too(client):
    response = client.get(reverse("accounts:login"))

    assert "Content-Security-Policy" in response
    policy = response["Permissions-Policy"]
    for feature in FORBIDDEN_FEATURES:
        assert re.search(rf"(^|, ){feature}=\(\)", policy), feature
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.fixture
def report_job(world) -> ReportJob:
    job = ReportJob.objects.create(
        kind="bureau_summary",
        bureau=world.bureau_a,
        fiscal_year=world.year_a,
        requested_by=world.admin_a,
        state=ReportJob.State.DONE,
        progress=100,
        file_name="汇总表.pdf",
    )
    job.file.save("summary.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"))
    return job


def test_report_downloads_are_never_stored_by_caches(client, world, report_job):
    client.force_login(world.admin_a)

    response = client.get(reverse("reports:job_download", args=[report_job.pk]))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert "Content-Security-Policy" in response


def test_a_session_lasts_a_working_day_and_ends_with_the_browser():
    assert settings.SESSION_COOKIE_AGE == 9 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
