"""Builders for tests/test_scoped_posts.py: the final accounts' POST actions of department A2.

The lead registers them there (see the report of issue 13's final accounts):
    READ_ONLY |= {"final_accounts:disclosure", "final_accounts:template"}
    POSTS["final_accounts:upload"] = Post(url=scoped.upload_url, body=scoped.upload_body,
        allowed=frozenset({"filer_a2"}), insider="filer_a2")
    POSTS["department_evaluations:final_accounts_confirm"] = Post(url=scoped.confirm_url,
        body=scoped.confirm_body, allowed=frozenset({"filer_a2"}), insider="filer_a2")
Each takes the scene (anything with `.world`) and, for bodies, the client.
"""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.final_accounts.services import disclosure_upload
from tests.department_evaluations.posts import department_filing

from .clean import clean_bytes


def upload_url(scene) -> str:
    return reverse("final_accounts:upload", kwargs={"department_pk": scene.world.dept_a2.pk})


def upload_body(scene, client) -> dict:
    w = scene.world
    return {"file": SimpleUploadedFile("决算公开表.xlsx", clean_bytes(w.dept_a2, w.year_a))}


def confirm_url(scene) -> str:
    return reverse(
        "department_evaluations:final_accounts_confirm",
        kwargs={"department_pk": scene.world.dept_a2.pk},
    )


def confirm_body(scene, client) -> dict:
    """A2's department filing and an uploaded disclosure of A2 to confirm into it."""
    w = scene.world
    filing = department_filing(w.dept_a2, w.year_a)
    disclosure = disclosure_upload(
        department=w.dept_a2,
        fiscal_year=w.year_a,
        by=w.filer_a2,
        upload=clean_bytes(w.dept_a2, w.year_a),
    )
    return {"disclosure": disclosure.pk, "version": filing.version}
