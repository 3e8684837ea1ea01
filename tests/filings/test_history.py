"""The filer submits from the page; the timeline shows transitions and changed cells."""

from django.urls import reverse

from apps.filings.models import Filing
from apps.filings.workflow import filing_transition
from apps.project_evaluations.services import evaluation_data_of, evaluation_save
from apps.reviews.services import review_decide
from tests.filing_urls import evaluation_url, project_filing_url
from tests.project_evaluations.builders import valid_filing


def test_filer_submits_from_the_page(client, world):
    valid_filing(world.project_a1, by=world.filer_a1)
    client.force_login(world.filer_a1)
    page = client.get(evaluation_url(world.project_a1.pk))
    assert 'data-action="submit"' in page.content.decode()

    response = client.post(
        project_filing_url("filings:transition", world.project_a1.pk),
        {"action": "submit"},
        follow=True,
    )

    assert Filing.objects.get(project=world.project_a1).status == "submitted"
    assert "已提交" in response.content.decode()
    # Submitted: no longer editable, no submit button.
    assert "<fieldset disabled>" in response.content.decode()
    assert 'data-action="submit"' not in response.content.decode()


def test_refused_transition_says_why_and_changes_nothing(client, world):
    valid_filing(world.project_a1)
    client.force_login(world.head_a1)
    response = client.post(
        project_filing_url("filings:transition", world.project_a1.pk),
        {"action": "submit"},
        follow=True,
    )
    assert Filing.objects.get(project=world.project_a1).status == "draft"
    assert "您不能" in response.content.decode() or "may not" in response.content.decode()


def test_timeline_shows_transitions_and_changed_cells(client, world, django_assert_max_num_queries):
    filing = valid_filing(world.project_a1, by=world.filer_a1)
    data = evaluation_data_of(Filing.objects.get(pk=filing.pk).project_evaluation)
    changed = data.__class__(**{**data.__dict__, "goal_actual": "全部完成，成效显著。"})
    evaluation_save(filing=filing, by=world.filer_a1, base_version=filing.version + 0, data=changed)
    filing_transition(filing=filing, action="submit", by=world.filer_a1)
    review_decide(filing=filing, reviewer=world.reviewer_a, decision="return", reason="请补充佐证")
    client.force_login(world.filer_a1)

    with django_assert_max_num_queries(13):  # transitions, cells and evidence entries
        page = client.get(
            project_filing_url("filings:history", world.project_a1.pk)
        ).content.decode()

    assert "请补充佐证" in page
    assert "已提交 → 退回修改" in page
    assert "草稿 → 已提交" in page
    assert "全部完成，成效显著。" in page and "已完成。" in page  # new and old value
    assert 'data-cell-key="goal_actual"' in page


def test_admin_lists_filings_read_only_and_acts_through_the_workflow(client, world):
    filing = valid_filing(world.project_a1)
    filing_transition(filing=filing, action="submit", by=world.filer_a1)
    other = valid_filing(world.project_b1)
    client.force_login(world.admin_a)

    page = client.get(reverse("admin:filings_filing_changelist")).content.decode()
    assert world.project_a1.name in page and world.project_b1.name not in page
    change = client.get(reverse("admin:filings_filing_change", args=[filing.pk]))
    assert change.status_code == 200 and 'name="status"' not in change.content.decode()

    client.post(
        reverse("admin:filings_filing_changelist"),
        {"action": "approve_filings", "_selected_action": [filing.pk, other.pk]},
    )

    assert Filing.objects.get(pk=filing.pk).status == "approved"
    assert Filing.objects.get(pk=other.pk).status == "draft"  # another bureau's: untouched
    assert filing.events.filter(action="approve", actor=world.admin_a).exists()
