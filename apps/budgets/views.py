"""Home page per role, the year switcher, and the department and project pages."""

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.http import AuthenticatedHttpRequest
from apps.accounts.models import BureauMembership
from apps.accounts.permissions import can_view_department
from apps.organizations.models import Department

from .context_processors import SESSION_KEY, current_fiscal_year
from .models import Project
from .selectors import department_overview, projects_for


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What the user works on: their departments' projects, or their bureau's departments."""
    year, _years = current_fiscal_year(request)
    user = request.user
    departments = list(
        Department.objects.filter(memberships__user=user).select_related("bureau").distinct()
    )
    projects_by_department: dict[int, list[Project]] = defaultdict(list)
    if year is not None:
        for project in Project.objects.filter(
            department__in=departments, fiscal_year=year
        ).select_related("filing"):
            projects_by_department[project.department_id].append(project)
    department_sections = [
        (department, projects_by_department[department.pk])
        for department in departments
        if year is not None and department.bureau_id == year.bureau_id
    ]
    roles = set()
    if year is not None:
        roles = set(
            user.bureau_memberships.filter(bureau_id=year.bureau_id).values_list("role", flat=True)
        )
    is_bureau_staff = bool(roles) or user.is_superuser
    context = {
        "department_sections": department_sections,
        "is_bureau_staff": is_bureau_staff,
        "is_bureau_admin": BureauMembership.Role.ADMIN in roles or user.is_superuser,
        "overview": (
            department_overview(fiscal_year=year, page=request.GET.get("page"))
            if is_bureau_staff and year
            else None
        ),
        "review_queue_url": reverse("reviews:queue") if is_bureau_staff else "",
    }
    return render(request, "budgets/home.html", context)


@login_required
@require_POST
def switch_year(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Remember the fiscal year the user picked, if it is one they may see."""
    _current, years = current_fiscal_year(request)
    wanted = request.POST.get("fiscal_year", "")
    if not any(str(year.pk) == wanted for year in years):
        raise PermissionDenied(_("You cannot switch to that fiscal year."))
    request.session[SESSION_KEY] = int(wanted)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("home")
    return HttpResponseRedirect(target)


def _department_or_403(request: AuthenticatedHttpRequest, department: Department) -> None:
    allowed, reason = can_view_department(request.user, department)
    if not allowed:
        raise PermissionDenied(reason)


@login_required
def department_detail(request: AuthenticatedHttpRequest, department_pk: int) -> HttpResponse:
    """A department's particulars, its subordinate units and its projects of the year."""
    department = get_object_or_404(
        Department.objects.select_related("bureau", "parent"), pk=department_pk
    )
    _department_or_403(request, department)
    year, _years = current_fiscal_year(request)
    if year is not None and year.bureau_id != department.bureau_id:
        year = None
    context = {
        "department": department,
        "year": year,
        "projects": projects_for(department=department, fiscal_year=year),
        "units": department.units.all(),
    }
    return render(request, "budgets/department_detail.html", context)


@login_required
def project_detail(request: AuthenticatedHttpRequest, project_pk: int) -> HttpResponse:
    """A project's particulars and budget."""
    project = get_object_or_404(
        Project.objects.select_related("department__bureau", "fiscal_year"), pk=project_pk
    )
    _department_or_403(request, project.department)
    return render(request, "budgets/project_detail.html", {"project": project})


def root(request: HttpRequest) -> HttpResponse:
    """Send visitors to their home page, or to the login page."""
    return redirect("home" if request.user.is_authenticated else "accounts:login")
