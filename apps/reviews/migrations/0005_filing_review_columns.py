"""Filing.review_score and review_grade derived from the reviews already written."""

from django.db import migrations
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce


def derive_review_columns(apps, schema_editor):
    Filing = apps.get_model("filings", "Filing")
    FilingRevision = apps.get_model("filings", "FilingRevision")
    Review = apps.get_model("reviews", "Review")
    latest = FilingRevision.objects.filter(filing=OuterRef(OuterRef("pk"))).order_by("-number")
    reviews = Review.objects.filter(
        revision=Subquery(latest.values("pk")[:1]), total_score__isnull=False
    ).order_by("-updated_at", "-pk")
    Filing.objects.update(
        review_score=Subquery(reviews.values("total_score")[:1]),
        review_grade=Coalesce(Subquery(reviews.values("grade")[:1]), Value("")),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0004_row_review_row_key"),
        ("filings", "0004_derived_columns"),
    ]

    operations = [migrations.RunPython(derive_review_columns, migrations.RunPython.noop)]
