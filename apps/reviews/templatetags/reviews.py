"""Template tags for showing a return's comments on the department's page."""

from django import template

from apps.reviews.models import RowReview

register = template.Library()


@register.inclusion_tag("reviews/_row_comments.html")
def review_row_comments(comments_by_row: dict[int, list[RowReview]] | None, row_id) -> dict:
    """The comments on one row: `{% review_row_comments review_comments row.cells.id %}`."""
    try:
        key = int(row_id)
    except (TypeError, ValueError):
        return {"comments": []}
    return {"comments": (comments_by_row or {}).get(key, [])}
