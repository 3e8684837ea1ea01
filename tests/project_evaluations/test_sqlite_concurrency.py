"""Two people writing the same filing at once on SQLite, the embedded default, in a file.

pytest-django's SQLite test database lives in memory, where two connections share one cache and
lock differently from a real file. So each scenario runs in a child process against a fresh
SQLite file, migrated and filled there, with the project's own settings: the test shows what a
small bureau running on SQLite would see. The child prints what each thread got, as JSON.

Run a scenario by hand (save, page or decide), from the project's folder:

    DATABASE_URL=sqlite:////tmp/x.sqlite3 DJANGO_SETTINGS_MODULE=config.settings.test \\
        python -m tests.project_evaluations.test_sqlite_concurrency save
"""

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
# How long the first writer keeps the filing: long enough for the second to arrive meanwhile.
HOLD_SECONDS = 0.4


def _run(scenario: str, tmp_path: Path) -> dict[str, str]:
    database = tmp_path / "jixiao.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
    }
    env.pop("CELERY_BROKER_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "tests.project_evaluations.test_sqlite_concurrency", scenario],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_two_saves_from_one_version_on_sqlite_one_wins_the_other_is_told_of_the_conflict(
    tmp_path,
):
    outcomes = _run("save", tmp_path)

    assert sorted(outcomes.values()) == ["ConflictError", "saved"], outcomes


def test_two_people_saving_the_page_at_once_on_sqlite_one_is_answered_409_not_500(tmp_path):
    outcomes = _run("page", tmp_path)

    assert sorted(outcomes.values()) == ["302", "409"], outcomes


def test_two_reviewers_deciding_at_once_on_sqlite_one_decides_the_other_is_told(tmp_path):
    outcomes = _run("decide", tmp_path)

    assert sorted(outcomes.values()) == ["AlreadyDecided", "decided"], outcomes


# The child process ---------------------------------------------------------------------------


def _slowed(function):
    """The function, holding its caller's transaction a moment longer."""

    def slow(*args, **kwargs):
        time.sleep(HOLD_SECONDS)
        return function(*args, **kwargs)

    return slow


def _race(work: dict) -> dict[str, str]:
    """Run each named callable in its own thread at the same moment; name → outcome."""
    from django.db import connections

    barrier = threading.Barrier(len(work), timeout=30)
    outcomes: dict[str, str] = {}

    def run(name: str) -> None:
        try:
            barrier.wait()
            outcomes[name] = work[name]()
        except Exception as error:  # the test wants to see every failure by its name
            outcomes[name] = f"{type(error).__name__}: {error}"
            if type(error).__name__ in ("ConflictError", "AlreadyDecided"):
                outcomes[name] = type(error).__name__
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(name,)) for name in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def _world():
    from tests import factories

    bureau = factories.FinanceBureauFactory()
    department = factories.DepartmentFactory(bureau=bureau)
    year = factories.FiscalYearFactory(bureau=bureau)
    project = factories.ProjectFactory(department=department, fiscal_year=year)
    return bureau, project, factories.filer_of(department)


def _scenario_save() -> dict[str, str]:
    from apps.project_evaluations import services
    from apps.project_evaluations.services import writes
    from tests.project_evaluations.builders import valid_data, valid_filing

    _, project, filer = _world()
    filing = valid_filing(project, by=filer)
    data = valid_data(project)
    # evaluation_save looks evaluation_compute up in services/writes.py.
    writes.evaluation_compute = _slowed(writes.evaluation_compute)

    def save() -> str:
        services.evaluation_save(filing=filing, by=filer, base_version=filing.version, data=data)
        return "saved"

    return _race({"first": save, "second": save})


def _scenario_page() -> dict[str, str]:
    from django.test import Client

    from apps.project_evaluations.services import writes
    from tests import factories
    from tests.project_evaluations.builders import valid_filing
    from tests.project_evaluations.test_form import _post_data

    _, project, filer = _world()
    valid_filing(project, by=filer)
    from tests.filing_urls import evaluation_url

    url = evaluation_url(project.pk)
    clients = {}
    for name, user in (("first", filer), ("second", factories.filer_of(project.department))):
        client = Client()
        client.force_login(user)
        clients[name] = (client, _post_data(client.get(url).content.decode()))
    writes.evaluation_compute = _slowed(writes.evaluation_compute)

    def save(name: str):
        def run() -> str:
            client, data = clients[name]
            return str(client.post(url, data).status_code)

        return run

    return _race({"first": save("first"), "second": save("second")})


def _scenario_decide() -> dict[str, str]:
    from apps.reviews import services
    from apps.reviews.services import decisions
    from tests import factories
    from tests.reviews.conftest import submitted_filing

    bureau, project, _ = _world()
    filing = submitted_filing(None, project)  # type: ignore[arg-type]
    reviewers = [factories.reviewer_of(bureau), factories.reviewer_of(bureau)]
    decisions._latest_revision = _slowed(decisions._latest_revision)

    def decide(reviewer, decision: str):
        def run() -> str:
            services.review_decide(
                filing=filing, reviewer=reviewer, decision=decision, reason="请补充佐证材料"
            )
            return "decided"

        return run

    return _race(
        {"approve": decide(reviewers[0], "approve"), "return": decide(reviewers[1], "return")}
    )


def main(scenario: str) -> None:
    import django
    from django.core.management import call_command

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # as under pytest: the test client's host, email kept in memory
    call_command("migrate", verbosity=0)
    scenarios = {"save": _scenario_save, "page": _scenario_page, "decide": _scenario_decide}
    outcomes = scenarios[scenario]()
    print(json.dumps(outcomes, ensure_ascii=False))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main(sys.argv[1])
