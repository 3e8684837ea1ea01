"""Excel exports of the bureau's lists (django-import-export resources over plain row objects).

The resources read attributes, so any object with the named attributes exports: the
dashboard passes its rows. Numbers stay numbers in the workbook (force_native_type).
"""

from collections.abc import Iterable
from typing import Any

import tablib
from django.utils.translation import gettext_lazy as _
from import_export.fields import Field
from import_export.resources import Resource
from import_export.widgets import DecimalWidget, IntegerWidget

from .workbook import dataset_workbook, workbook_bytes


def _number(attribute: str, column_name: Any) -> Field:
    return Field(attribute=attribute, column_name=column_name, widget=DecimalWidget())


def _count(attribute: str, column_name: Any) -> Field:
    return Field(attribute=attribute, column_name=column_name, widget=IntegerWidget())


class DepartmentStateResource(Resource):
    """Each department with its filings, their states and the count per state."""

    budget_code = Field(attribute="budget_code", column_name=_("Budget code"))
    name = Field(attribute="name", column_name=_("Department"))
    parent = Field(attribute="parent_name", column_name=_("parent department"))
    filings = Field(attribute="filings_text", column_name=_("Filings and their states"))
    not_started = _count("counts__not_started", _("Not started"))
    draft = _count("counts__draft", _("Draft"))
    submitted = _count("counts__submitted", _("Submitted"))
    returned = _count("counts__returned", _("Returned"))
    passed = _count("counts__passed", _("Passed"))


class NotStartedResource(Resource):
    """The departments that have not started any filing of the year, with whom to call."""

    budget_code = Field(attribute="budget_code", column_name=_("Budget code"))
    name = Field(attribute="name", column_name=_("Department"))
    parent = Field(attribute="parent_name", column_name=_("parent department"))
    contact_person = Field(attribute="contact_person", column_name=_("Contact person"))
    contact_phone = Field(attribute="contact_phone", column_name=_("contact phone"))
    project_count = _count("project_count", _("Number of projects"))


class ScoreResource(Resource):
    """Scores, execution rate, the score-share warning and the review gap per filing."""

    department = Field(attribute="department_name", column_name=_("Department"))
    code = Field(attribute="code", column_name=_("Project code"))
    name = Field(attribute="name", column_name=_("Project name"))
    state = Field(attribute="state_label", column_name=_("Filing state"))
    self_score = _number("self_score", _("self-evaluation score"))
    grade = Field(attribute="grade", column_name=_("grade"))
    review_score = _number("review_score", _("review score"))
    gap = _number("gap", _("Review minus self-evaluation score"))
    execution_rate = _number("execution_rate_percent", _("Execution rate (%)"))
    share = _number("share_percent", _("Indicator score share (%)"))
    excess = _number("excess_points", _("Share above execution rate (points)"))
    warning = Field(attribute="warning_text", column_name=_("Warning"))


class QueueResource(Resource):
    """The review queue's rows as filtered: who filed what, its state, scores and reviewers."""

    department = Field(attribute="department_name", column_name=_("Department"))
    budget_code = Field(attribute="budget_code", column_name=_("Budget code"))
    code = Field(attribute="project_code", column_name=_("Project code"))
    name = Field(attribute="project_name", column_name=_("Project name"))
    kind = Field(attribute="kind_label", column_name=_("Kind"))
    state = Field(attribute="status_label", column_name=_("Filing state"))
    revision = _count("revision_number", _("Revision"))
    self_score = _number("self_score", _("self-evaluation score"))
    grade = Field(attribute="grade", column_name=_("grade"))
    review_score = _number("review_score", _("review score"))
    review_grade = Field(attribute="review_grade", column_name=_("review grade"))
    execution_rate = _number("execution_rate_percent", _("Execution rate (%)"))
    reviewers = Field(attribute="reviewers", column_name=_("Assigned to"))
    submitted_at = Field(attribute="submitted_at_text", column_name=_("Submitted at"))


class ReviewSummaryResource(Resource):
    """The year's review summary: every filing with its self and review scores and grades."""

    department = Field(attribute="department_name", column_name=_("Department"))
    kind = Field(attribute="kind_label", column_name=_("Kind"))
    name = Field(attribute="project_name", column_name=_("Project name"))
    self_score = _number("self_score", _("self-evaluation score"))
    grade = Field(attribute="grade", column_name=_("grade"))
    review_score = _number("review_score", _("review score"))
    review_grade = Field(attribute="review_grade", column_name=_("review grade"))
    execution_rate = _number("execution_rate_percent", _("Execution rate (%)"))
    state = Field(attribute="status_label", column_name=_("Filing state"))


def export_dataset(resource: Resource, rows: Iterable[Any], *, title: str) -> tablib.Dataset:
    """The rows as a dataset with the resource's (translated) headers and native numbers."""
    dataset = resource.export(list(rows), force_native_type=True)
    dataset.title = title
    return dataset


def xlsx_bytes(dataset: tablib.Dataset) -> bytes:
    """The dataset as a formatted .xlsx workbook (workbook.py); no cell is ever a formula."""
    return workbook_bytes(dataset_workbook(dataset))
