"""The interchange format's name, version and value codecs (docs/interchange.md).

The fields of each record are listed in fields.py. Values: decimals are strings ("95000.00"),
never JSON numbers; dates are ISO dates; times are ISO 8601 with their offset; empty is null.
"""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator
from django.db import models
from django.utils.translation import gettext as _

FORMAT = "jixiao.filings"
VERSION = 1
STAMPS = ("created_at", "updated_at")
POSITIVE = (
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.PositiveBigIntegerField,
)


class FormatError(Exception):
    """A document the importer refuses: what is wrong and where (a JSON path)."""

    def __init__(self, path: str, message: str):
        self.path, self.message = path, message
        super().__init__(f"{path}: {message}")


def field_of(model: type[models.Model], name: str) -> models.Field:
    found = model._meta.get_field(name)
    assert isinstance(found, models.Field), name
    return found


def encode(field: models.Field, value: Any) -> Any:
    """A model value as the document writes it."""
    if value is None:
        return None
    if isinstance(field, models.DecimalField):
        return str(value)
    if isinstance(field, models.DateTimeField):
        return value.isoformat()
    if isinstance(field, models.DateField):
        return value.isoformat()
    return value


def _decimal(field: models.DecimalField, value: Any, path: str) -> Decimal:
    if not isinstance(value, str):
        raise FormatError(path, _('a decimal is written as a string, e.g. "12.50"'))
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise FormatError(path, _("“%(value)s” is not a decimal") % {"value": value}) from None
    if not number.is_finite():
        raise FormatError(path, _("“%(value)s” is not a decimal") % {"value": value})
    try:
        DecimalValidator(field.max_digits, field.decimal_places)(number)
    except ValidationError as error:
        raise FormatError(path, " ".join(error.messages)) from None
    return number


def _datetime(value: Any, path: str) -> datetime.datetime:
    if isinstance(value, str):
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            moment = None
        if moment is not None and moment.tzinfo is not None:
            return moment
    raise FormatError(path, _("a time is written in ISO 8601 with its offset"))


def _date(value: Any, path: str) -> datetime.date:
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise FormatError(path, _("a date is written as YYYY-MM-DD"))


def decode(field: models.Field, value: Any, path: str) -> Any:
    """The model value of a document value, or FormatError naming the path."""
    if value is None:
        if field.null:
            return None
        raise FormatError(path, _("a value is required"))
    if isinstance(field, models.DecimalField):
        return _decimal(field, value, path)
    if isinstance(field, models.DateTimeField):
        return _datetime(value, path)
    if isinstance(field, models.DateField):
        return _date(value, path)
    if isinstance(field, models.BooleanField):
        if not isinstance(value, bool):
            raise FormatError(path, _("true or false expected"))
        return value
    if isinstance(field, models.IntegerField):
        if isinstance(value, bool) or not isinstance(value, int):
            raise FormatError(path, _("a whole number expected"))
        if value < 0 and isinstance(field, POSITIVE):
            raise FormatError(path, _("a number not below zero expected"))
        return value
    if isinstance(field, models.JSONField):
        return value
    if not isinstance(value, str):
        raise FormatError(path, _("text expected"))
    if field.max_length and len(value) > field.max_length:
        raise FormatError(path, _("longer than %(n)s characters") % {"n": field.max_length})
    choices = {str(choice) for choice, _label in field.flatchoices}
    if field.choices and value not in choices and not (value == "" and field.blank):
        raise FormatError(path, _("“%(value)s” is not one of the choices") % {"value": value})
    return value


def dump(obj: models.Model, names: tuple[str, ...], *, stamps: bool = True) -> dict[str, Any]:
    """The record of a model instance: the named fields, then its timestamps."""
    record = {name: encode(field_of(type(obj), name), getattr(obj, name)) for name in names}
    if stamps:
        for name in STAMPS:
            record[name] = encode(field_of(type(obj), name), getattr(obj, name))
    return record


def join(path: str, key: str) -> str:
    """The JSON path of a key under path ("" is the document itself)."""
    return f"{path}.{key}" if path else key


def need(record: Any, key: str, path: str) -> Any:
    """record[key], refusing a record that is not an object or lacks the key."""
    if not isinstance(record, dict):
        raise FormatError(path or "$", _("an object expected"))
    if key not in record:
        raise FormatError(join(path, key), _("missing"))
    return record[key]


def items(record: Any, key: str, path: str) -> list[tuple[str, Any]]:
    """The elements of the list record[key] with their paths."""
    value = need(record, key, path)
    if not isinstance(value, list):
        raise FormatError(join(path, key), _("a list expected"))
    return [(f"{join(path, key)}[{index}]", element) for index, element in enumerate(value)]


def text_of(record: Any, key: str, path: str) -> str:
    value = need(record, key, path)
    if not isinstance(value, str):
        raise FormatError(join(path, key), _("text expected"))
    return value


def values(
    model: type[models.Model], record: Any, names: tuple[str, ...], path: str, *, stamps=True
) -> dict[str, Any]:
    """The model values of a record's named fields (and timestamps), checked one by one."""
    wanted = names + (STAMPS if stamps else ())
    return {
        name: decode(field_of(model, name), need(record, name, path), join(path, name))
        for name in wanted
    }
