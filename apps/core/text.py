"""Text people type: control characters removed, lengths kept, before anything is stored."""

import re

from django.utils.translation import gettext as _

# The longest comment or reason a person types outside the form tables (review comments,
# reasons of return and reopen); the form tables' cells have their own limits.
TEXT_MAX = 2000

# C0 and C1 control characters and DEL, except tab, line feed and carriage return. They are
# removed from every typed text: PostgreSQL refuses NUL, and none of them prints.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """Return text without control characters (tab and line breaks kept)."""
    return _CONTROL.sub("", text)


def has_control(text: str) -> bool:
    """Tell whether text holds a control character that clean_text would remove."""
    return _CONTROL.search(text) is not None


def typed_text(text: str, *, label: str, limit: int = TEXT_MAX) -> str:
    """Clean and strip what was typed; refuse it (ValueError, in words) past its limit."""
    cleaned = clean_text(text).strip()
    if len(cleaned) > limit:
        raise ValueError(
            _("%(label)s is %(length)d characters long; it may have at most %(limit)d.")
            % {"label": label, "length": len(cleaned), "limit": limit}
        )
    return cleaned
