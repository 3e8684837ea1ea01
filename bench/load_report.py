"""The tables of bench/load.py: figures per page, the ratio to the floor, the goals of issue 14."""

import os
import platform
import statistics

# Page key → label, who asks for it, and issue 14's goals at city scale: the ratio to the floor
# as N of 1/N (a page must do at least 1/N of the floor's requests/s) and the HTML size in KB.
PAGES: dict[str, dict] = {
    "floor": {"label": "floor (/session/)", "role": "filer"},
    "home": {"label": "filer's home", "role": "filer"},
    "project_15": {"label": "project form GET, 15 rows", "role": "filer", "ratio": 15},
    "project_60": {"label": "project form GET, 60 rows", "role": "filer", "ratio": 30},
    "save_15": {"label": "save POST, 15 rows", "role": "filer", "ratio": 25},
    "department": {"label": "department form GET", "role": "filer"},
    "queue": {"label": "reviewer queue", "role": "reviewer", "ratio": 20},
    "dashboard": {"label": "dashboard", "role": "admin", "ratio": 20, "kb": 300},
    "review": {"label": "review page", "role": "reviewer", "ratio": 8},
    "decision": {"label": "review decision POST", "role": "reviewer"},
}
GROWTH_GOAL = 1.3


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def row_of(key: str, samples: list, elapsed: float, load: float = 0.0) -> dict:
    """requests/s over the window, p50/p95 of every answer, errors: answers not accepted."""
    times = [ms for _ok, ms, _size, _status in samples]
    sizes = [size for ok, _ms, size, _status in samples if ok]
    bad = [status for ok, _ms, _size, status in samples if not ok]
    return {
        "key": key,
        "requests": len(samples),
        "seconds": round(elapsed, 2),
        "rps": len(samples) / elapsed if elapsed > 0 else 0.0,
        "p50": statistics.median(times) if times else 0.0,
        "p95": _percentile(times, 0.95),
        "kb": (statistics.mean(sizes) / 1024) if sizes else 0.0,
        "errors": len(bad),
        "statuses": sorted(set(bad)),
        "load": round(load, 2),
    }


def _floor(rows: list[dict]) -> float:
    floors = [r["rps"] for r in rows if r["key"] == "floor"]
    return statistics.mean(floors) if floors else 0.0


def _verdict(row: dict, floor: float) -> tuple[str, str, str]:
    """(ratio as 1/N, the goal, met or not)."""
    page = PAGES[row["key"]]
    n = floor / row["rps"] if row["rps"] else float("inf")
    ratio = f"1/{n:.1f}" if row["key"] != "floor" else "1"
    goals, met = [], True
    if "ratio" in page:
        goals.append(f"≥ 1/{page['ratio']}")
        met &= n <= page["ratio"]
    if "kb" in page:
        goals.append(f"≤ {page['kb']} KB")
        met &= row["kb"] <= page["kb"]
    if row["errors"]:
        met = False
    if not goals:
        return ratio, "—", "—" if not row["errors"] else "errors"
    return ratio, ", ".join(goals), "met" if met else "**not met**"


def scale_table(scale: str, rows: list[dict], args) -> str:
    floor = _floor(rows)
    floors = " and ".join(f"{r['rps']:.0f}" for r in rows if r["key"] == "floor")
    lines = [
        f"# Load: {scale} scale",
        "",
        f"gunicorn {args.workers} sync workers, PostgreSQL, {args.clients} concurrent clients, "
        f"{args.seconds:g} s a page after {args.warmup:g} s of warm-up; "
        f"{platform.node()}, {platform.processor() or platform.machine()}. "
        f"Floor: {floors} req/s "
        f"(before and after the pages), mean {floor:.0f}. Load avg: the machine's 1-minute "
        f"load average after the page ({os.cpu_count()} CPUs; more than that means other "
        "processes competed for them).",
        "",
        "| page | req/s | p50 ms | p95 ms | HTML KB | ratio to floor | goal (city) | "
        "met | errors | load avg |",
        "|---|---:|---:|---:|---:|---:|---|---|---:|---:|",
    ]
    for row in rows:
        ratio, goal, met = _verdict(row, floor)
        errors = f"{row['errors']} {row['statuses']}" if row["errors"] else "0"
        lines.append(
            f"| {PAGES[row['key']]['label']} | {row['rps']:.1f} | {row['p50']:.1f} | "
            f"{row['p95']:.1f} | {row['kb']:.1f} | {ratio} | {goal} | {met} | {errors} | "
            f"{row.get('load', 0):.1f} |"
        )
    return "\n".join(lines) + "\n"


def both_table(county: list[dict], city: list[dict], args) -> str:
    cf, tf = _floor(county), _floor(city)
    by_key = {r["key"]: r for r in city if r["key"] != "floor"}
    lines = [
        "# Load: county and city scale",
        "",
        f"Floor: county {cf:.0f} req/s, city {tf:.0f} req/s. Growth = city p50 ÷ county p50 "
        f"(goal ≤ {GROWTH_GOAL}).",
        "",
        "| page | county req/s | county 1/N | county p50 | city req/s | city 1/N | city p50 | "
        "city KB | goal (city) | met | growth | ≤ 1.3 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---|",
    ]
    for row in county:
        if row["key"] == "floor" or row["key"] not in by_key:
            continue
        other = by_key[row["key"]]
        c_ratio, _goal, _met = _verdict(row, cf)
        t_ratio, goal, met = _verdict(other, tf)
        growth = other["p50"] / row["p50"] if row["p50"] else float("inf")
        lines.append(
            f"| {PAGES[row['key']]['label']} | {row['rps']:.1f} | {c_ratio} | {row['p50']:.1f} | "
            f"{other['rps']:.1f} | {t_ratio} | {other['p50']:.1f} | {other['kb']:.1f} | {goal} | "
            f"{met} | {growth:.2f} | {'met' if growth <= GROWTH_GOAL else '**not met**'} |"
        )
    return "\n".join(lines) + "\n"
