"""Generate a bureau's year at county or city scale in PostgreSQL, for bench/load.py.

One bureau, N departments (each with 0–2 二级单位), per department its 部门整体 filing
(kind "department") and P projects with their self-evaluations (kind "project", R indicator
rows), filings in every state with the snapshots, revisions, events, reviews, row reviews and
reviewer assignments the workflow leaves; a filer per department, bureau reviewers and an admin,
all with the password PASSWORD.

A few filings are written through the real services (the templates: one 部门整体 filing and one
project filing per variant, 60 rows included); every other filing copies a template's rows
and cells in bulk, so scores, grades and execution rates are the real engine's.

    .venv/bin/python bench/generate.py --scale county --reset      # ≈ 15 s
    .venv/bin/python bench/generate.py --scale city --reset        # see bench/README.md

The manifest of what load.py drives (users, filings) is written to var/bench/<scale>.json.
"""

import argparse
import datetime
import json
import os
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PASSWORD = "bench-Passw0rd!"  # a throw-away benchmark database
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/jx_bench_{scale}"


@dataclass(frozen=True)
class Spec:
    departments: int
    projects: int  # per department
    rows: int  # indicator rows of a project filing
    reviewers: int = 3
    live: int = 8  # departments whose filer drives the forms (their first two projects draft)


SCALES = {
    "county": Spec(200, 10, 15, reviewers=4),
    "city": Spec(3000, 10, 15, reviewers=12),
    "tiny": Spec(3, 2, 15, reviewers=2, live=1),
}
BIG_ROWS = 60

# Share of filings in each state (the live departments' first projects stay drafts).
STATES = (
    ("not_started", 4),
    ("draft", 22),
    ("submitted", 14),
    ("in_review", 12),
    ("returned", 8),
    ("approved", 25),
    ("published", 15),
)


def _setup(database_url: str, reset: bool) -> None:
    if reset:
        _recreate(database_url)
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    print(f"migrate: {time.perf_counter() - started:.1f} s")


def _recreate(database_url: str) -> None:
    import psycopg

    base, _sep, name = database_url.rpartition("/")
    if not name.startswith("jx_bench_"):
        raise SystemExit(f"refusing to drop {name!r}: benchmark databases start with jx_bench_")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def generate(spec: Spec, seed: int = 1, password: str = PASSWORD, log=print) -> dict:
    """Build the data of `spec` in the default database; return the manifest for load.py."""
    from bench.generate_parts import Builder

    return Builder(spec, random.Random(seed), password, log).build()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="county")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reset", action="store_true", help="drop and create the database")
    args = parser.parse_args()
    url = args.database_url or DEFAULT_URL.format(scale=args.scale)
    started = time.perf_counter()
    _setup(url, args.reset)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM organizations_department")
            if cursor.fetchone()[0]:
                raise SystemExit("the database holds data already: give --reset")
    manifest = generate(SCALES[args.scale], seed=args.seed)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            step = time.perf_counter()
            cursor.execute("VACUUM ANALYZE")
            print(f"vacuum analyze: {time.perf_counter() - step:.1f} s")
    manifest |= {
        "scale": args.scale,
        "database_url": url,
        "seed": args.seed,
        "generated": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - started, 1),
    }
    out = ROOT / "var" / "bench" / f"{args.scale}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    print(f"total: {manifest['seconds']} s; manifest: {out}")


if __name__ == "__main__":
    main()
