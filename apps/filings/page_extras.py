"""What apps built on this one add to a filing's page, without this app importing them.

The reviews app, which depends on this one, shows the department why its filing was returned
and the reviewer's comments beside each row; it registers a provider at start-up
(`page_extras_from` in its `AppConfig.ready`). A provider takes the filing and returns
template context. Without providers the page simply shows none of it.
"""

from collections.abc import Callable, Mapping
from typing import Any

from .models import Filing
from .parts import part_panels

PageExtras = Callable[[Filing], Mapping[str, Any]]
_providers: dict[str, PageExtras] = {}


def page_extras_from(name: str, provider: PageExtras) -> None:
    """Add a provider of context for the filing's page; a second call by one name replaces it."""
    _providers[name] = provider


def page_extras(filing: Filing) -> dict[str, Any]:
    """The context every registered provider adds for this filing, in the order registered."""
    context: dict[str, Any] = {"part_panels": part_panels(filing)}
    for provider in _providers.values():
        context.update(provider(filing))
    return context
