"""The fiscal year the user is working in, for the header's year switcher."""

from django.http import HttpRequest

from .selectors import default_fiscal_year, fiscal_years_for

SESSION_KEY = "fiscal_year_id"
CACHE_ATTRIBUTE = "_jixiao_fiscal_year"


def current_fiscal_year(request: HttpRequest):
    """The chosen year from the session if the user may see it, else the default; cached."""
    cached = getattr(request, CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    years = list(fiscal_years_for(request.user)) if request.user.is_authenticated else []
    chosen = next((y for y in years if y.pk == request.session.get(SESSION_KEY)), None)
    current = chosen or default_fiscal_year(years)
    setattr(request, CACHE_ATTRIBUTE, (current, years))
    return current, years


def fiscal_year(request: HttpRequest) -> dict:
    """Template context: the current year, the choices, and the bureau shown in the header."""
    current, years = current_fiscal_year(request)
    return {
        "current_fiscal_year": current,
        "fiscal_years": years,
        "header_bureau": current.bureau if current else None,
    }
