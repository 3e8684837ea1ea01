"""What the department's own page shows of a return: the reason and the comments per row.

The evaluations app asks for it through its page hook (registered in ReviewsConfig.ready),
since it may not import this app.
"""

from typing import Any

from apps.filings.models import Filing

from .selectors import return_notice_for_filer, row_comments_for_filer


def return_for_filer(filing: Filing) -> dict[str, Any]:
    """`return_notice` and `review_comments` (by row id) while the return is current."""
    return {
        "return_notice": return_notice_for_filer(filing),
        "review_comments": row_comments_for_filer(filing),
    }
