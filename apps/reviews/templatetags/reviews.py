"""Template tags for showing a return's comments on the department's page."""

from django import template

from apps.reviews.models import RowReview

register = template.Library()


@register.inclusion_tag("reviews/_row_comments.html")
def review_row_comments(comments_by_row: dict[str, list[RowReview]] | None, key) -> dict:
    """The comments on one row by its key: `{% review_row_comments review_comments key %}`."""
    return {"comments": (comments_by_row or {}).get(str(key), [])}
