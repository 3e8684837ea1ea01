"""A kind of filing that exists only in the test suite: one table of two rows.

Nothing outside this module knows it. It registers with the filings, the reviews and the
reports the way a kind's app does in its AppConfig.ready, and is taken through the whole loop
by test_minimal_kind.py; its one table is created by tests/filings/conftest.py.
"""

from dataclasses import replace
from decimal import Decimal, InvalidOperation

from django.db import models
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template import engines
from django.urls import reverse
from django.utils.html import escape

from apps.core.exceptions import ApplicationError
from apps.filings import kinds
from apps.filings.models import Filing
from apps.filings.page_extras import page_extras
from apps.filings.permissions import can_edit_filing
from apps.filings.services import ConflictError, Summary, filing_create, filing_save
from apps.indicators import scoring
from apps.reports import documents
from apps.reviews.sheets import (
    ReviewRow,
    ReviewSheet,
    ReviewTotals,
    register_sheet,
    unregister_sheet,
)

KEY = "test_note"
ROWS = 2


class NoteRow(models.Model):
    """One row of the test kind's table: a text and the points it is worth."""

    # No database constraint: the suite's flush (TRUNCATE on PostgreSQL) knows only the
    # installed apps' tables and would refuse to empty a table this one referenced.
    filing = models.ForeignKey(
        Filing, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    position = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=100, blank=True)
    weight = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal(50))

    class Meta:
        app_label = "test_kinds"
        db_table = "test_kinds_note_row"
        ordering = ["filing_id", "position"]

    def __str__(self) -> str:
        return self.text


def rows_of(filing: Filing) -> list[NoteRow]:
    return list(NoteRow.objects.filter(filing=filing))


def start(*, department, fiscal_year) -> Filing:
    """A new filing of the test kind with its two blank rows."""

    def rows(filing: Filing) -> None:
        for position in range(ROWS):
            NoteRow.objects.create(filing=filing, position=position)

    return filing_create(
        kind=KEY, department=department, fiscal_year=fiscal_year, create_detail=rows
    )


def save(filing: Filing, *, by, base_version: int, texts: list[str], weights=None) -> Filing:
    """The kind's write inside the generic save: two texts, and a finding per empty one."""

    def write(locked: Filing) -> Summary:
        for row, text in zip(rows_of(locked), texts, strict=True):
            row.text = text
            if weights is not None:
                row.weight = weights[row.position]
            row.save()
        return Summary(error_count=sum(1 for text in texts if not text.strip()))

    return filing_save(filing=filing, by=by, base_version=base_version, write=write)


class NoteKind(kinds.FilingKind):
    key = KEY
    label = "测试填报"
    framework = "project"  # scored with the year's project policy (its grade bands)

    def display_name(self, filing: Filing) -> str:
        return f"测试填报 {filing.department}"

    def url(self, filing: Filing) -> str:
        return reverse("filings:page", kwargs={"filing_pk": filing.pk})

    def page(self, request, filing: Filing) -> HttpResponse:
        if request.method == "POST":
            allowed, reason = can_edit_filing(request.user, filing)
            if not allowed:
                return HttpResponse(reason, status=403)
            texts = [request.POST.get(f"row-{i}", "") for i in range(ROWS)]
            try:
                save(
                    filing, by=request.user, base_version=int(request.POST["version"]), texts=texts
                )
            except ConflictError as error:
                changes = error.extra["changes"].changes
                body = "；".join(f"{c.label}：{c.old} → {c.new}" for c in changes)
                return HttpResponse(escape(body), status=409)
            except ApplicationError as error:
                return HttpResponse(escape(error.message), status=400)
            return redirect("filings:page", filing_pk=filing.pk)
        comments = page_extras(filing).get("review_comments", {})
        lines = [f"<p>version {filing.version}</p>"]
        for row in rows_of(filing):
            said = " ".join(c.comment for c in comments.get(f"row:{row.pk}", []))
            lines.append(f"<div data-row='{row.position}'>{escape(row.text)}|{escape(said)}</div>")
        return HttpResponse("".join(lines))

    def cells(self, filing: Filing) -> dict[str, str]:
        cells = {}
        for row in rows_of(filing):
            cells[f"row.{row.pk}.text"] = row.text
            cells[f"row.{row.pk}.weight"] = format(row.weight.normalize(), "f")
            cells[f"row.{row.pk}.position"] = str(row.position)
        return cells

    def cell_label(self, key, old, new) -> str:
        _row, row_id, field = key.split(".")
        position = int(new.get(f"row.{row_id}.position") or old.get(f"row.{row_id}.position") or 0)
        return f"第{position + 1}行 · {'内容' if field == 'text' else '分值'}"

    def quiet_cell(self, key: str) -> bool:
        return key.endswith(".position")

    def row_key_of_cell(self, key: str) -> str:
        return f"row:{key.split('.')[1]}"

    def recheck(self, filing: Filing) -> tuple[int, int]:
        return sum(1 for row in rows_of(filing) if not row.text.strip()), 0


SHEET = engines["django"].from_string(
    "{% for row in table %}<div class='note-row{% if row.changed %} jx-changed{% endif %}'>"
    "{{ row.text }}<input name='{{ row.field }}-score' value='{{ row.typed }}'>"
    "<textarea name='{{ row.field }}-comment'>{{ row.comment }}</textarea></div>{% endfor %}"
)


class NoteSheet(ReviewSheet):
    """Each row is worth its weight; the reviewer may give less (the engine's hand score)."""

    template = SHEET  # type: ignore[assignment]

    def __init__(self, cells: dict[str, str]) -> None:
        ids = sorted({key.split(".")[1] for key in cells}, key=lambda i: cells[f"row.{i}.position"])
        self.cells = cells
        self.rows = tuple(
            ReviewRow(key=f"row:{i}", name=cells[f"row.{i}.text"], weight=self._weight(i))
            for i in ids
        )

    def _weight(self, row_id: str) -> Decimal:
        try:
            return Decimal(self.cells[f"row.{row_id}.weight"])
        except InvalidOperation:
            return Decimal(0)

    def _inputs(self, scores) -> list[scoring.RowInput]:
        return [
            scoring.RowInput(
                level1="测试",
                level2="测试",
                comparator=scoring.QUALITATIVE,
                weight=row.weight,
                hand_score=scores.get(row.key, row.weight),
            )
            for row in self.rows
        ]

    def totals(self, engine, scores, decisions) -> ReviewTotals:
        engine = replace(engine, execution_weight=Decimal(0))
        department = scoring.evaluate(engine, executed=None, budget=None, rows=self._inputs({}))
        given = {key: score for key, score in scores.items() if score is not None}
        review = scoring.evaluate(engine, executed=None, budget=None, rows=self._inputs(given))
        keys = [row.key for row in self.rows]
        return ReviewTotals(
            department=department,
            review=review,
            department_scores=dict(zip(keys, department.row_scores, strict=True)),
            review_scores=dict(zip(keys, review.row_scores, strict=True)),
        )

    def table(
        self, *, filing, totals, amount_unit, typed_scores, comments, errors, changes, decisions
    ):
        changed = {kinds.kind_of(KEY).row_key_of_cell(c.key) for c in changes}
        return [
            {
                "text": row.name,
                "field": row.field,
                "typed": typed_scores.get(row.key, ""),
                "comment": comments.get(row.key, ""),
                "changed": row.key in changed,
            }
            for row in self.rows
        ]


def _contents(filing_ids, fiscal_year) -> dict[int, dict]:
    """The printed table of each filing: its rows and the latest review's total."""
    found = {}
    for filing in Filing.objects.filter(pk__in=filing_ids).select_related("department"):
        review = filing.reviews.order_by("-revision__number", "-pk").first()
        found[filing.pk] = {
            "year": fiscal_year.year,
            "department": filing.department.name,
            "rows": [{"text": r.text, "weight": str(r.weight)} for r in rows_of(filing)],
            "review": str(review.total_score) if review and review.total_score else "",
            "draft": filing.status not in (Filing.Status.APPROVED, Filing.Status.PUBLISHED),
            "updated_on": filing.updated_at.date().isoformat(),
            "orientation": "portrait",
        }
    return found


NOTE_TABLE = documents.filing_document(
    key=f"{KEY}_table",
    label="测试填报表",
    filing=documents.FilingPrint(
        template="test_kinds/note.html",
        section_template="test_kinds/_note.html",
        version=1,
        contents=_contents,
        title=lambda content: f"测试填报——{content['department']}",
        file_name=lambda content: f"{content['year']}年度测试填报.pdf",
    ),
)


def register() -> None:
    """What a kind's app does in its AppConfig.ready."""
    kinds.register(NoteKind())
    register_sheet(KEY, lambda filing, cells: NoteSheet(cells))
    documents.register(NOTE_TABLE)
    documents.register_filing_document(KEY, NOTE_TABLE.key)


def unregister() -> None:
    kinds.unregister(KEY)
    unregister_sheet(KEY)
    documents.unregister(NOTE_TABLE.key)
