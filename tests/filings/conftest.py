from pathlib import Path

import pytest
from django.db import connection

from . import minimal_kind


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test kind's one table, beside the project's own (it has no migration)."""
    with django_db_blocker.unblock(), connection.schema_editor() as editor:
        editor.create_model(minimal_kind.NoteRow)
    yield


@pytest.fixture
def note_kind(settings):
    """The kind registered as its app would, with its print templates on the loader's path."""
    templates = Path(__file__).parent / "templates"
    settings.TEMPLATES = [
        {**engine, "DIRS": [*engine.get("DIRS", []), templates]} for engine in settings.TEMPLATES
    ]
    minimal_kind.register()
    yield minimal_kind
    minimal_kind.unregister()
