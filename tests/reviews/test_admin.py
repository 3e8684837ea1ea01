"""The reviews admin: reviews read-only, assignments scoped to the administrator's bureau."""

from django.urls import reverse

from apps.reviews.models import Review, ReviewerAssignment
from apps.reviews.services import review_decide, reviewers_assign

from .conftest import submitted_filing


def test_reviews_are_read_only_and_scoped_to_the_bureau(client, world, filing):
    review = review_decide(filing=filing, reviewer=world.reviewer_a, decision="approve")
    foreign = review_decide(
        filing=submitted_filing(world, world.project_b1),
        reviewer=world.reviewer_b,
        decision="approve",
    )
    client.force_login(world.admin_a)

    listing = client.get(reverse("admin:reviews_review_changelist")).content.decode()
    assert reverse("admin:reviews_review_change", args=[review.pk]) in listing
    assert reverse("admin:reviews_review_change", args=[foreign.pk]) not in listing
    page = client.get(reverse("admin:reviews_review_change", args=[review.pk]))
    assert page.status_code == 200 and 'name="comment"' not in page.content.decode()
    assert client.get(reverse("admin:reviews_review_add")).status_code == 403
    assert client.post(reverse("admin:reviews_review_delete", args=[review.pk])).status_code == 403
    assert client.get(reverse("admin:reviews_review_change", args=[foreign.pk])).status_code in (
        302,
        403,
        404,
    )
    assert Review.objects.count() == 2


def test_assignments_are_added_through_the_service_within_the_bureau(client, world, filing):
    foreign = submitted_filing(world, world.project_b1)
    reviewers_assign(filing=foreign, reviewers=[world.reviewer_b], by=world.admin_b)
    client.force_login(world.admin_a)
    add = reverse("admin:reviews_reviewerassignment_add")

    refused = client.post(add, {"filing": foreign.pk, "reviewer": world.reviewer_a.pk})
    assert refused.status_code == 200  # the form says the choice is not valid
    stranger = client.post(add, {"filing": filing.pk, "reviewer": world.reviewer_b.pk})
    assert stranger.status_code == 200
    response = client.post(add, {"filing": filing.pk, "reviewer": world.reviewer_a.pk})
    assert response.status_code == 302

    assignment = ReviewerAssignment.objects.get(filing=filing)
    assert (assignment.reviewer, assignment.assigned_by) == (world.reviewer_a, world.admin_a)
    listing = client.get(reverse("admin:reviews_reviewerassignment_changelist")).content.decode()
    assert str(foreign.project) not in listing
    client.post(
        reverse("admin:reviews_reviewerassignment_delete", args=[assignment.pk]), {"post": "yes"}
    )
    assert not ReviewerAssignment.objects.filter(filing=filing).exists()
