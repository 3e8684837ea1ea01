"""Load benchmark: the bureau's pages under gunicorn on PostgreSQL, against the floor.

Runs on the data of bench/generate.py (its manifest var/bench/<scale>.json names the users and
filings). Starts gunicorn (2 sync workers, config.wsgi, production settings: DEBUG off, static
files through WhiteNoise) on a free local port, logs the clients in through the login form, and
drives every page with concurrent clients (threads) for --seconds each. The floor (/session/:
login-checked, nothing else) is measured before and after the pages; the ratio of a page is its
requests/s ÷ the floor's (mean of both), shown as 1/N.

    .venv/bin/python bench/generate.py --scale county --reset
    .venv/bin/python bench/load.py --scale county            # ≈ 3 minutes
    .venv/bin/python bench/load.py --scale county --scale city

Writes bench/results/load-<date>-<scale>.md (and .json); with two scales also
load-<date>-both.md with the growth city ÷ county of each page's p50 (goal ≤ 1.3).
"""

import argparse
import datetime
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load_http import Client, forms_of, location_path  # noqa: E402
from bench.load_report import PAGES, both_table, row_of, scale_table  # noqa: E402

RESULTS = ROOT / "bench" / "results"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _environment(database_url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "TRUSTED_PROXY_COUNT": "0",
        "LOG_LEVEL": "WARNING",
    }


def start_server(database_url: str, workers: int) -> tuple[subprocess.Popen, int]:
    env = _environment(database_url)
    python = str(ROOT / ".venv" / "bin" / "python")
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    port = _free_port()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "300",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server, port
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


class Scenario:
    """One page: what a client sends, and what answer counts as accepted."""

    def __init__(self, key: str, role: str, step) -> None:
        self.key, self.role, self.step = key, role, step


def _get(path_of):
    def step(client: Client, index: int, state: dict):
        status, _h, body, ms = client.get(path_of(index))
        return status == 200, ms, len(body), status

    return step


def _save_step(manifest: dict):
    """POST the 15-row form back with its own inputs; the version moves on by one a save."""

    def prepare(client: Client, index: int, state: dict) -> None:
        path = f"/filings/{manifest['live'][index]['project_15']}/"
        _s, _h, body, _ms = client.get(path)
        form = next(f for f in forms_of(body.decode()) if f.id == "jx-evaluation")
        state.update(path=path, form=form, version=int(form.value("version")))

    def step(client: Client, index: int, state: dict):
        if "form" not in state:
            prepare(client, index, state)
        data = state["form"].data(version=str(state["version"]))
        status, headers, body, ms = client.post(state["path"], data)
        accepted = status == 302 and location_path(headers) == state["path"]
        if accepted:
            state["version"] += 1
        else:
            state.pop("form")  # read the page again: its version, its rows
        return accepted, ms, len(body), status

    return step


def _decision_step(pools: list[list]):
    """Approve the next prepared submitted filing through its review page's form.

    Each client posts the forms its own session read (their CSRF tokens are its own).
    """

    def step(client: Client, index: int, state: dict):
        if not pools[index]:
            return None
        path, form = pools[index].pop()
        button = next(b for b in form.buttons if b == ("op", "approve"))
        status, headers, body, ms = client.post(path, form.data(button))
        return status == 302 and location_path(headers) == path, ms, len(body), status

    return step


def _prepare_decisions(clients: list[Client], filings: list[int]) -> list[list]:
    """Read the review pages first (not timed): each decision posts the form its page gave."""
    pools: list[list] = [[] for _client in clients]
    lock = threading.Lock()
    todo = list(reversed(filings))

    def work(index: int, client: Client) -> None:
        while True:
            with lock:
                if not todo:
                    return
                pk = todo.pop()
            path = f"/review/filings/{pk}/"
            status, _h, body, _ms = client.get(path)
            forms = [f for f in forms_of(body.decode()) if f.id == "jx-review"]
            if status == 200 and forms and ("op", "approve") in forms[0].buttons:
                pools[index].append((path, forms[0]))

    threads = [threading.Thread(target=work, args=(i, c)) for i, c in enumerate(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for pool in pools:
        pool.reverse()
    return pools


def measure(scenario: Scenario, clients: list[Client], seconds: float, warmup: float) -> dict:
    samples: list[tuple[bool, float, int, int]] = []
    lock = threading.Lock()
    start = threading.Barrier(len(clients) + 1)
    window: dict[str, float] = {}

    def run(index: int, client: Client) -> None:
        state: dict = {}
        start.wait()
        while time.perf_counter() < window["end"]:
            result = scenario.step(client, index, state)
            if result is None:
                return
            if time.perf_counter() >= window["begin"]:
                with lock:
                    samples.append(result)

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(clients)]
    for t in threads:
        t.start()
    now = time.perf_counter()
    window.update(begin=now + warmup, end=now + warmup + seconds)
    start.wait()
    for t in threads:
        t.join()
    elapsed = min(time.perf_counter(), window["end"]) - window["begin"]
    return row_of(scenario.key, samples, elapsed, os.getloadavg()[0])


def run_scale(scale: str, args) -> list[dict]:
    manifest = json.loads((ROOT / "var" / "bench" / f"{scale}.json").read_text())
    server, port = start_server(manifest["database_url"], args.workers)
    try:
        return _drive(manifest, port, args)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _drive(manifest: dict, port: int, args) -> list[dict]:
    n, live, password = args.clients, manifest["live"], manifest["password"]
    if n > len(live):
        raise SystemExit(f"at most {len(live)} clients: one live department each")
    sessions: dict[str, list[Client]] = {}
    for role in ("filer", "reviewer", "admin"):
        sessions[role] = []
        for i in range(n):
            client = Client("127.0.0.1", port)
            user = {
                "filer": live[i]["filer"],
                "reviewer": manifest["reviewer"],
                "admin": manifest["admin"],
            }[role]
            client.login(user, password)
            sessions[role].append(client)
    limit = int(args.decisions_per_second * (args.seconds + args.warmup))
    pools = _prepare_decisions(sessions["reviewer"], manifest["to_decide"][:limit])
    steps = {
        "floor": _get(lambda i: "/session/"),
        "home": _get(lambda i: "/home/"),
        "project_15": _get(lambda i: f"/filings/{live[i]['project_15']}/"),
        "project_60": _get(lambda i: f"/filings/{live[i]['project_60']}/"),
        "save_15": _save_step(manifest),
        "department": _get(lambda i: f"/filings/{live[i]['department_filing']}/"),
        "queue": _get(lambda i: "/review/"),
        "dashboard": _get(lambda i: "/dashboard/"),
        "review": _get(lambda i: f"/review/filings/{manifest['review_page']}/"),
        "decision": _decision_step(pools),
    }
    if manifest.get("review_page") is None:
        args.pages = [p for p in args.pages if p != "review"]
    rows = []
    for key in ["floor", *[k for k in PAGES if k != "floor" and k in args.pages], "floor"]:
        role = PAGES[key]["role"]
        row = measure(Scenario(key, role, steps[key]), sessions[role], args.seconds, args.warmup)
        print(
            f"  {key:<12} {row['rps']:>8.1f} req/s  p50 {row['p50']:>8.1f} ms  "
            f"p95 {row['p95']:>8.1f} ms  {row['kb']:>8.1f} KB  errors {row['errors']}"
            + (f" {row['statuses']}" if row["errors"] else ""),
            flush=True,
        )
        rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", action="append", choices=["county", "city", "tiny"])
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=12.0, help="measured time per page")
    parser.add_argument("--warmup", type=float, default=1.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--decisions-per-second",
        type=float,
        default=40,
        help="review pages read beforehand: enough for this many decisions a second",
    )
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated page keys")
    args = parser.parse_args()
    args.pages = args.pages.split(",")
    scales = args.scale or ["county"]
    day = datetime.date.today().isoformat()
    RESULTS.mkdir(parents=True, exist_ok=True)
    results = {}
    for scale in scales:
        print(f"{scale}: {args.clients} clients, {args.seconds:g} s a page", flush=True)
        results[scale] = run_scale(scale, args)
        table = scale_table(scale, results[scale], args)
        print(table)
        (RESULTS / f"load-{day}-{scale}.md").write_text(table)
        (RESULTS / f"load-{day}-{scale}.json").write_text(json.dumps(results[scale], indent=1))
    for scale in {"county", "city"} - set(results):
        earlier = sorted(RESULTS.glob(f"load-*-{scale}.json"))
        if earlier and results:
            results[scale] = json.loads(earlier[-1].read_text())
            print(f"{scale}: the figures of {earlier[-1].name}")
    if {"county", "city"} <= set(results):
        table = both_table(results["county"], results["city"], args)
        print(table)
        (RESULTS / f"load-{day}-both.md").write_text(table)


if __name__ == "__main__":
    main()
