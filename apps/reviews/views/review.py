"""The review page of one filing: save, return, approve; live totals; assignment."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from apps.accounts.http import AuthenticatedHttpRequest
from apps.core.exceptions import ApplicationError
from apps.filings.kinds import shown_kind
from apps.filings.models import Filing, FilingRevision
from apps.filings.parts import part_panels
from apps.filings.permissions import Do, can_act
from apps.filings.selectors import policy_of
from apps.filings.views import filing_or_404
from apps.filings.workflow import Action, can_transition

from .. import selectors
from ..forms import AssignForm, ReviewInput, review_input_from_post
from ..services import AlreadyDecided, Decision, review_decide, review_save, reviewers_assign
from ..sheets import sheet_for, shown

OPS = ("save", "return", "approve")


def _filing_or_404(request: AuthenticatedHttpRequest, filing_pk: int) -> Filing:
    return filing_or_404(request, filing_pk, Do.VIEW_REVIEWS)


def _shown_revision(request, revisions: list[FilingRevision]) -> FilingRevision | None:
    wanted = request.GET.get("revision", "")
    if wanted.isdigit():
        for revision in revisions:
            if revision.number == int(wanted):
                return revision
        raise Http404
    return revisions[0] if revisions else None


def _render(
    request: AuthenticatedHttpRequest,
    filing: Filing,
    *,
    posted: ReviewInput | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    revisions = selectors.revisions_with_reviews(filing)
    revision = _shown_revision(request, revisions)
    is_latest = bool(revisions) and revision == revisions[0]
    policy = policy_of(filing)
    sheet = sheet_for(filing, revision.cells if revision else None)
    own = selectors.review_of(revision=revision, reviewer=user) if revision else None
    if posted is not None:
        typed, comments, scores = posted.typed_scores, posted.comments, posted.scores
        comment, errors = posted.comment, posted.errors
        decisions = posted.not_applicable
    else:
        saved = list(own.rows.all()) if own else []
        scores = {r.row_key: r.score for r in saved}
        typed = {r.row_key: "" if r.score is None else f"{r.score:.2f}" for r in saved}
        comments = {r.row_key: r.comment for r in saved}
        decisions = {r.row_key: r.not_applicable for r in saved if r.not_applicable}
        comment, errors = (own.comment if own else ""), {}
    totals = sheet.totals(policy.to_engine(), scores, decisions)
    changes = selectors.changes_since_return(filing) if is_latest else []
    may_review, review_refusal = can_act(user, filing, Do.REVIEW)
    may_assign, _refusal = can_act(user, filing, Do.ASSIGN)
    decidable = (
        may_review
        and is_latest
        and filing.status in selectors.PENDING_STATUSES
        and (own is None or own.decision == own.Decision.PENDING)
    )
    assign_form = None
    if may_assign:
        candidates = selectors.reviewers_of_bureaus(bureau_ids=[filing.fiscal_year.bureau_id])
        assign_form = AssignForm(
            candidates=candidates,
            initial={"reviewers": [a.reviewer_id for a in filing.assignments.all()]},
        )
    context = {
        "filing": filing,
        "policy": policy,
        "revision": revision,
        "revisions": revisions,
        "is_latest": is_latest,
        "own_review": own,
        "comment": comment,
        "sheet": sheet,
        "sheet_table": sheet.table(
            filing=filing,
            totals=totals,
            amount_unit=policy.amount_unit,
            typed_scores=typed,
            comments=comments,
            errors=errors,
            changes=changes,
            decisions=decisions,
        ),
        "review_total": shown(totals.review.total) if totals.scored else "",
        "review_grade": totals.review.grade if totals.scored else "",
        "changes": shown_kind(filing.kind).presenter(filing)(changes),
        "returned_review": selectors.latest_returned_review(filing) if changes else None,
        "assignments": filing.assignments.select_related("reviewer"),
        # Shown to whoever passed this page's door (VIEW_REVIEWS); each download checks again.
        "evidence_list": selectors.evidence_of(filing),
        "may_review": may_review,
        "review_refusal": review_refusal,
        "decidable": decidable,
        "can_return": decidable and can_transition(user, filing, Action.RETURN)[0],
        "can_approve": decidable and can_transition(user, filing, Action.APPROVE)[0],
        "assign_form": assign_form,
        "part_panels": part_panels(filing),
    }
    return render(request, "reviews/review_page.html", context, status=status)


@login_required
def review_page(request: AuthenticatedHttpRequest, filing_pk: int) -> HttpResponse:
    """The filing as filed, with the reviewer's scores and comments; save, return, approve."""
    filing = _filing_or_404(request, filing_pk)
    if request.method != "POST":
        return _render(request, filing)
    allowed, reason = can_act(request.user, filing, Do.REVIEW)
    if not allowed:
        raise PermissionDenied(reason)
    revision_pk = request.POST.get("revision", "")
    revision = (
        FilingRevision.objects.filter(filing=filing, pk=int(revision_pk)).first()
        if revision_pk.isdigit()
        else None
    )
    if revision is None:
        messages.error(request, _("The page showed no revision of this filing; reload it."))
        return _render(request, filing, status=400)
    posted = review_input_from_post(request.POST, sheet_for(filing, revision.cells))
    if posted.op not in OPS:
        return _render(request, filing, posted=posted, status=400)
    if posted.errors:
        messages.error(request, _("Some review scores could not be accepted; nothing was saved."))
        return _render(request, filing, posted=posted, status=400)
    try:
        if posted.op == "save":
            review_save(
                revision=revision,
                reviewer=request.user,
                row_scores=posted.scores,
                row_comments=posted.comments,
                comment=posted.comment,
                row_not_applicable=posted.not_applicable,
            )
        else:
            review_decide(
                filing=filing,
                reviewer=request.user,
                decision=cast(Decision, posted.op),
                reason=posted.comment,
                row_scores=posted.scores,
                row_comments=posted.comments,
                row_not_applicable=posted.not_applicable,
            )
    except ApplicationError as error:
        messages.error(request, error.message)
        status = 409 if isinstance(error, AlreadyDecided) else 400
        return _render(request, filing, posted=posted, status=status)
    done = {
        "save": _("Your review was saved."),
        "return": _("The filing was returned to the department."),
        "approve": _("The filing was approved."),
    }
    messages.success(request, done[posted.op])
    return redirect("reviews:review", filing_pk=filing.pk)


@login_required
def review_compute(request: AuthenticatedHttpRequest, filing_pk: int) -> HttpResponse:
    """The reviewer's total and grade for the scores typed in the page, without saving."""
    filing = _filing_or_404(request, filing_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    revision = FilingRevision.objects.filter(filing=filing).order_by("-number").first()
    if revision is None:
        return JsonResponse({"errors": {}, "total": "", "grade": ""}, status=400)
    sheet = sheet_for(filing, revision.cells)
    posted = review_input_from_post(request.POST, sheet)
    totals = sheet.totals(policy_of(filing).to_engine(), posted.scores, posted.not_applicable)
    return JsonResponse(
        {
            "total": shown(totals.review.total) if totals.scored else "",
            "grade": totals.review.grade if totals.scored else "",
            "errors": dict(posted.errors),
        }
    )


@login_required
def assign(request: AuthenticatedHttpRequest, filing_pk: int) -> HttpResponse:
    """Choose the filing's reviewers (bureau administrators)."""
    filing = _filing_or_404(request, filing_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    allowed, reason = can_act(request.user, filing, Do.ASSIGN)
    if not allowed:
        raise PermissionDenied(reason)
    candidates = selectors.reviewers_of_bureaus(bureau_ids=[filing.fiscal_year.bureau_id])
    form = AssignForm(request.POST, candidates=candidates)
    if not form.is_valid():
        messages.error(request, _("Choose reviewers of the bureau."))
        return redirect("reviews:review", filing_pk=filing.pk)
    try:
        reviewers_assign(filing=filing, reviewers=form.cleaned_data["reviewers"], by=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The reviewers of this filing were saved."))
    return redirect("reviews:review", filing_pk=filing.pk)
