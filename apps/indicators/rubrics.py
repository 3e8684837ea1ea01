"""Writes on a bureau's 打分表 (scoring sheets): copies, new versions, and what freezes one.

A scoring policy names the rubric version its year's department filings fill, and each filing
keeps the version it was scored by, so a rubric in use never changes again; neither does a
shipped one (no bureau), which every bureau copies. Changes go into a new version.
"""

from django.db import transaction
from django.db.models import Max, Model
from django.db.models.fields.reverse_related import ForeignObjectRel
from django.utils.translation import gettext as _

from apps.core.exceptions import ApplicationError
from apps.organizations.models import FinanceBureau

from .models import Rubric, RubricItem

# What a copy takes over: every column but the row's identity, owner and timestamps, so a
# field added to the models later is copied without touching this module.
_NOT_COPIED = {"id", "created_at", "updated_at", "bureau", "name", "version", "based_on", "rubric"}


def _copied_fields(model: type[Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if f.name not in _NOT_COPIED]


def _references(model: type[Model]) -> list[ForeignObjectRel]:
    """The relations other models hold to `model`, hidden ones (related_name="+") included."""
    return [
        f
        for f in model._meta.get_fields(include_hidden=True)
        if isinstance(f, ForeignObjectRel) and f.auto_created and not f.concrete
    ]


def rubric_in_use(rubric: Rubric) -> bool:
    """Whether anything outside the rubric names it or one of its rows.

    A scoring policy names it; a department self-evaluation (apps.department_evaluations) is
    scored by it and its row scores point to its rows. Indicators comes before that app and may
    not import it, so the relations are found in the model registry instead of being named:
    every foreign key to Rubric from elsewhere and every one to RubricItem. Left out are the
    rubric's own rows and `based_on` (a later version copied from it does not use it).
    """
    if rubric.pk is None:
        return False
    own = {RubricItem._meta.get_field("rubric"), Rubric._meta.get_field("based_on")}
    lookups = [(rel, rel.field.name) for rel in _references(Rubric) if rel.field not in own]
    lookups += [(rel, f"{rel.field.name}__rubric") for rel in _references(RubricItem)]
    for rel, lookup in lookups:
        holder = rel.related_model  # the model with the foreign key, never "self" once loaded
        if isinstance(holder, type) and holder._default_manager.filter(**{lookup: rubric}).exists():
            return True
    return False


def rubric_change_refusal(rubric: Rubric) -> str | None:
    """Why the rubric and its rows cannot be changed or deleted (None when they can)."""
    if rubric.pk is None:
        return None
    if rubric.bureau_id is None:
        return _(
            "This scoring sheet is shipped with the system and cannot be changed: copy it to "
            "your bureau and change the copy."
        )
    if rubric_in_use(rubric):
        return _(
            "This scoring sheet is in use by a scoring policy or a self-evaluation and cannot "
            "be changed: make a new version of it and change that."
        )
    return None


def _next_version(*, bureau: FinanceBureau, name: str) -> int:
    latest = Rubric.objects.filter(bureau=bureau, name=name).aggregate(latest=Max("version"))
    return (latest["latest"] or 0) + 1


def _rubric_duplicate(*, rubric: Rubric, bureau: FinanceBureau, name: str) -> Rubric:
    """A copy of the rubric and its rows at the next free version of `name` in the bureau."""
    # Numbering versions reads then writes: one copy into a bureau at a time.
    FinanceBureau.objects.select_for_update().filter(pk=bureau.pk).first()
    copy = Rubric(
        bureau=bureau,
        name=name,
        version=_next_version(bureau=bureau, name=name),
        based_on=rubric,
        **{field: getattr(rubric, field) for field in _copied_fields(Rubric)},
    )
    copy.full_clean()
    copy.save()
    item_fields = _copied_fields(RubricItem)
    items = [
        RubricItem(rubric=copy, **{field: getattr(item, field) for field in item_fields})
        for item in rubric.items.all()
    ]
    for item in items:
        item.full_clean()
    RubricItem.objects.bulk_create(items)
    return copy


@transaction.atomic
def rubric_copy(*, rubric: Rubric, bureau: FinanceBureau, name: str | None = None) -> Rubric:
    """Copy a rubric (the shipped one, typically) and its rows into a bureau to edit there.

    The copy is version 1 of its name in the bureau, or the next version when the bureau
    already has that name.
    """
    name = (name or "").strip() or rubric.name
    return _rubric_duplicate(rubric=rubric, bureau=bureau, name=name)


@transaction.atomic
def rubric_new_version(*, rubric: Rubric) -> Rubric:
    """Copy a bureau's rubric and its rows to the next version of its name, to edit."""
    if rubric.bureau is None:
        raise ApplicationError(
            _(
                "A scoring sheet shipped with the system has no versions of its own: copy it "
                "to your bureau instead."
            )
        )
    return _rubric_duplicate(rubric=rubric, bureau=rubric.bureau, name=rubric.name)
