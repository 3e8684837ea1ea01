"""The department's page after a return: the reason and each row's comment, through the hook.

The evaluations app does not import reviews; the reviews app adds this to the page through
`apps.filings.page_extras` at start-up.
"""

import re

from apps.filings import page_extras
from apps.reviews.services import review_decide
from tests.filing_urls import evaluation_url

from .conftest import filer_for, row_ids, row_keys


def _returned(world, filing) -> int:
    """Return the filing with a comment on 办结率; the IndicatorRow id of that row."""
    review_decide(
        filing=filing,
        reviewer=world.reviewer_a,
        decision="return",
        reason="请补充办结率佐证。",
        row_comments={row_keys(filing)["信访事项按期办结率"]: "跨年事项请列明。"},
    )
    return row_ids(filing)["信访事项按期办结率"]


def _page(client, filing) -> str:
    client.force_login(filer_for(filing.project))
    response = client.get(evaluation_url(filing.project_id))
    assert response.status_code == 200
    return response.content.decode()


def test_the_filers_page_shows_the_return_and_each_comment_beside_its_row(client, world, filing):
    row = _returned(world, filing)

    page = _page(client, filing)

    assert 'id="jx-return-notice"' in page and "请补充办结率佐证。" in page
    # The comment sits in the row whose hidden id is the commented row's, before that row ends.
    beside = rf'name="rows-\d+-id" value="{row}"(?:(?!</tr>).)*跨年事项请列明。'
    assert re.search(beside, page, re.S)
    assert page.count("跨年事项请列明。") == 1


def test_without_the_reviews_provider_the_page_shows_no_return(client, world, filing, monkeypatch):
    _returned(world, filing)
    monkeypatch.setattr(page_extras, "_providers", {})

    page = _page(client, filing)

    assert 'id="jx-return-notice"' not in page and "跨年事项请列明。" not in page
