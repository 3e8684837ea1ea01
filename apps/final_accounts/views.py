"""The department's final accounts: the template, the upload and the preview of its findings."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.accounts.http import AuthenticatedHttpRequest
from apps.budgets.context_processors import current_fiscal_year
from apps.exchange.download import xlsx_response
from apps.exchange.reading import UploadRefused
from apps.organizations.models import Department

from . import tables as t
from .findings import money
from .models import Disclosure
from .permissions import can_upload_disclosure, can_view_disclosures
from .selectors import finance_figures, latest_disclosure
from .services import disclosure_upload
from .template import template_bytes

# The department filing's confirm step (apps/department_evaluations), when it is routed.
CONFIRM_URL_NAME = "department_evaluations:final_accounts_confirm"


def department_or_404(request: AuthenticatedHttpRequest, department_pk: int) -> Department:
    department = get_object_or_404(Department.objects.select_related("bureau"), pk=department_pk)
    allowed, reason = can_view_disclosures(request.user, department)
    if not allowed:
        raise PermissionDenied(reason)
    return department


def year_of(request: AuthenticatedHttpRequest, department: Department):
    year, _years = current_fiscal_year(request)
    if year is None or year.bureau_id != department.bureau_id:
        raise Http404(_("Choose a fiscal year of this department's finance bureau."))
    return year


def _confirm_url(department: Department) -> str:
    try:
        return reverse(CONFIRM_URL_NAME, kwargs={"department_pk": department.pk})
    except NoReverseMatch:
        return ""


FIGURE_LABELS = (
    ("income_total", "收入合计"),
    ("income_carryover", "上年结转"),
    ("income_fiscal", "财政拨款"),
    ("income_fund", "政府性基金"),
    ("income_superior", "上级补助"),
    ("income_business", "事业收入"),
    ("income_other", "经营及其他"),
    ("expense_total", "支出合计"),
    ("expense_basic", "基本支出"),
    ("expense_personnel", "人员支出"),
    ("expense_public", "公用支出"),
    ("expense_project", "项目支出"),
    ("expense_other", "其他支出"),
    ("balance_accumulated", "累计结余"),
    ("three_public_total", "三公经费合计"),
    ("reception", "公务接待费"),
    ("vehicle_operation", "公务用车运维费"),
    ("vehicle_purchase", "公务用车购置费"),
    ("overseas", "因公出国费"),
)


def _preview(disclosure: Disclosure | None) -> dict:
    if disclosure is None:
        return {}
    figures = finance_figures(disclosure.tables)
    by_table: dict[str, list[dict]] = {}
    for finding in disclosure.findings:
        shown = {**finding}
        for name in ("stated", "sum", "difference"):
            shown[f"{name}_shown"] = money(Decimal(finding[name])) if finding[name] else ""
        by_table.setdefault(finding["table"], []).append(shown)
    return {
        "uploader": str(disclosure.uploaded_by) if disclosure.uploaded_by else "—",
        "figures": [(label, figures[key]) for key, label in FIGURE_LABELS],
        "findings_by_table": [
            (table, by_table[table.number]) for table in t.TABLES if table.number in by_table
        ],
    }


@login_required
def disclosure_page(request: AuthenticatedHttpRequest, department_pk: int) -> HttpResponse:
    """The template to download, the upload, and the latest upload's findings and figures."""
    department = department_or_404(request, department_pk)
    year = year_of(request, department)
    disclosure = latest_disclosure(department, year)
    can_upload, refusal = can_upload_disclosure(request.user, department)
    context = {
        "department": department,
        "year": year,
        "disclosure": disclosure,
        "can_upload": can_upload,
        "refusal": refusal,
        "confirm_url": _confirm_url(department),
        "tables": t.TABLES,
        **_preview(disclosure),
    }
    return render(request, "final_accounts/disclosure.html", context)


@login_required
def template_download(request: AuthenticatedHttpRequest, department_pk: int) -> HttpResponse:
    """The empty template of the department's disclosure tables of the year, stamped."""
    department = department_or_404(request, department_pk)
    year = year_of(request, department)
    content = template_bytes(department=department, fiscal_year=year)
    return xlsx_response(
        content,
        filename=f"{department.name}{year.year}年度决算公开表.xlsx",
        fallback=f"final-accounts-{year.year}.xlsx",
    )


@login_required
def upload(request: AuthenticatedHttpRequest, department_pk: int) -> HttpResponse:
    """Store a filled template with its findings (a refused file stores nothing)."""
    department = department_or_404(request, department_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    allowed, reason = can_upload_disclosure(request.user, department)
    if not allowed:
        raise PermissionDenied(reason)
    year = year_of(request, department)
    file = request.FILES.get("file")
    if file is None:
        messages.error(request, _("Choose the filled template (.xlsx) to upload."))
        return redirect("final_accounts:disclosure", department_pk=department.pk)
    try:
        stored = disclosure_upload(
            department=department,
            fiscal_year=year,
            by=request.user,
            upload=file,
            size=file.size,
            file_name=file.name or "",
        )
    except UploadRefused as refused:
        for message in refused.messages[:50]:
            messages.error(request, message)
        return redirect("final_accounts:disclosure", department_pk=department.pk)
    if stored.findings:
        messages.warning(
            request,
            ngettext(
                "The tables were read; %(count)s figure disagrees. Check it below.",
                "The tables were read; %(count)s figures disagree. Check them below.",
                len(stored.findings),
            )
            % {"count": len(stored.findings)},
        )
    else:
        messages.success(request, _("The tables were read; every total agrees."))
    return redirect("final_accounts:disclosure", department_pk=department.pk)
