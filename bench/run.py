"""`make bench`: the key pages over HTTP against a trivial page, in the same run.

    python bench/run.py [--app DIR] [--label NAME] [--seconds 4] [--rounds 3]

Sets up PostgreSQL (DATABASE_URL, default a `congtruong_bench` database on
127.0.0.1) and Redis when it answers, migrates, seeds the demo school plus
BENCH_ARTICLES articles and BENCH_POSTS forum posts (bench/data.py), measures
query counts and sizes in-process (bench/measure.py), then starts gunicorn
(gthread, 1 worker × 4 threads, DEBUG=0, on CPU 0 when taskset exists) and
loads each page with wrk (Debian's package; a small Python load generator when
wrk is missing) on CPU 1, in pairs: the trivial page, then the page, again and
again. A ratio of two runs made seconds apart on the same busy machine means
more than either figure. Writes bench/results-<label>.json and the table in
docs/performance.md between its BENCH markers.
"""

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PORT = int(os.environ.get("BENCH_PORT") or _free_port())


def environment(app: Path) -> dict:
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/congtruong_bench")
    redis_answers = shutil.which("redis-cli") and not subprocess.run(["redis-cli", "-h", "127.0.0.1", "ping"], capture_output=True).returncode  # fmt: skip
    if "REDIS_URL" not in env and redis_answers:
        env["REDIS_URL"] = "redis://127.0.0.1:6379/9"
    env.update(
        DEBUG="0", BENCH_URLS="1", SECURE_SSL_REDIRECT="0", SECRET_KEY="bench-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver", LOG_LEVEL="WARNING",
        CACHE_PREFIX="bench", EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        TASKS_BACKEND="django.tasks.backends.dummy.DummyBackend",
    )  # fmt: skip
    env.pop("TESTING", None)
    return env


def run(args: list[str], app: Path, env: dict) -> str:
    done = subprocess.run(args, cwd=app, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def ensure_database(env: dict) -> None:
    name = env["DATABASE_URL"].rsplit("/", 1)[-1]
    base = env["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
    found = subprocess.run(
        ["psql", base, "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{name}'"],
        capture_output=True,
        text=True,
    )
    if "1" not in found.stdout:
        subprocess.run(["psql", base, "-qc", f"CREATE DATABASE {name}"], check=True)


def pinned(cpu: int, args: list[str]) -> list[str]:
    return (
        ["taskset", "-c", str(cpu), *args]
        if shutil.which("taskset") and (os.cpu_count() or 1) > 1
        else args
    )


def python_load(url: str, seconds: float, connections: int, cookie: str) -> float:
    """A small keep-alive load generator: requests per second over `seconds`."""
    stop = time.monotonic() + seconds
    counts = [0] * connections

    def worker(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
        headers = {"Cookie": cookie} if cookie else {}
        while time.monotonic() < stop:
            conn.request("GET", url, headers=headers)
            conn.getresponse().read()
            counts[index] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / seconds


def load(url: str, seconds: float, cookie: str = "") -> dict:
    if shutil.which("wrk"):
        args = ["wrk", "-t1", "-c4", f"-d{max(1, round(seconds))}s", "--latency"]
        if cookie:
            args += ["-H", f"Cookie: {cookie}"]
        out = subprocess.run(pinned(1, [*args, f"http://127.0.0.1:{PORT}{url}"]), capture_output=True, text=True).stdout  # fmt: skip
        found = re.search(r"Requests/sec:\s+([\d.]+)", out)
        if found is None:
            sys.exit(f"wrk answered:\n{out}")
        rps = float(found.group(1))
        p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
        p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        scale = {"us": 0.001, "ms": 1, "s": 1000}
        return {
            "rps": rps,
            "p50_ms": float(p50.group(1)) * scale[p50.group(2)] if p50 else None,
            "p99_ms": float(p99.group(1)) * scale[p99.group(2)] if p99 else None,
            "non_2xx": int(errors.group(1)) if errors else 0,
            "tool": "wrk",
        }
    return {"rps": python_load(url, seconds, 4, cookie), "tool": "python"}


def wait_for_server() -> None:
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status in (200, 503):
                return
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not start")


PAIRS = [
    # (figure, baseline page, measured page, measured with the session cookie?)
    ("anon_home", "anon_trivial", "home", False),
    ("anon_news_list", "anon_trivial", "news_list", False),
    ("anon_article", "anon_trivial", "article", False),
    ("user_trivial", "anon_trivial", "trivial", True),
    ("user_topic", "user_trivial", "topic", True),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", default=str(ROOT))
    parser.add_argument("--label", default="now")
    parser.add_argument("--seconds", type=float, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-docs", action="store_true")
    options = parser.parse_args()
    app = Path(options.app).resolve()
    env = environment(app)
    python = str(ROOT / ".venv" / "bin" / "python")
    ensure_database(env)
    run([python, "manage.py", "migrate", "--noinput"], app, env)
    run([python, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], app, env)
    run([python, "manage.py", "seed_demo", "--force", "--if-empty"], app, env)
    setup = json.loads(run([python, str(HERE / "measure.py")], app, env).strip().splitlines()[-1])
    urls, cookie = setup["urls"], f"sessionid={setup['session']}"
    server = subprocess.Popen(
        pinned(0, [str(ROOT / ".venv" / "bin" / "gunicorn"), "portal.wsgi:application",
                   "--bind", f"127.0.0.1:{PORT}", "--worker-class", "gthread",
                   "--workers", "1", "--threads", "4", "--log-level", "warning"]),
        cwd=app, env=env, start_new_session=True,
    )  # fmt: skip
    results: dict = {"label": options.label, "inprocess": setup["inprocess"], "pairs": {}}
    try:
        wait_for_server()
        pages = {
            "anon_trivial": (urls["trivial"], ""),
            "user_trivial": (urls["trivial"], cookie),
            "home": (urls["home"], ""),
            "news_list": (urls["news_list"], ""),
            "article": (urls["article"], ""),
            "trivial": (urls["trivial"], cookie),
            "topic": (urls["topic"], cookie),
        }
        for url, page_cookie in pages.values():  # warm every page once
            load(url, 1, page_cookie)
        for figure, baseline, page, _ in PAIRS:
            rounds = []
            for _round in range(options.rounds):
                base_url, base_cookie = pages[baseline]
                page_url, page_cookie = pages[page]
                base = load(base_url, options.seconds, base_cookie)
                measured = load(page_url, options.seconds, page_cookie)
                rounds.append(
                    {"baseline": base, "page": measured, "ratio": measured["rps"] / base["rps"]}
                )
            results["pairs"][figure] = {
                "ratio_median": statistics.median(r["ratio"] for r in rounds),
                "rounds": rounds,
            }
            print(f"{figure}: ratio {results['pairs'][figure]['ratio_median']:.3f}", flush=True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    out = HERE / f"results-{options.label}.json"
    out.write_text(json.dumps(results, indent=1))
    print(f"wrote {out}")
    if not options.no_docs:
        write_docs()


def write_docs() -> None:
    """Rewrite the generated table in docs/performance.md from every results-*.json."""
    found = {
        p.stem.removeprefix("results-"): json.loads(p.read_text())
        for p in sorted(HERE.glob("results-*.json"))
    }
    labels = [label for label in ("before", "after") if label in found] + [
        label for label in found if label not in ("before", "after")
    ]
    lines = ["| figure | " + " | ".join(labels) + " |", "|---|" + "---|" * len(labels)]
    figures = [
        ("anonymous home, RPS ÷ anonymous trivial", "pairs", "anon_home"),
        ("anonymous news list, RPS ÷ anonymous trivial", "pairs", "anon_news_list"),
        ("anonymous article, RPS ÷ anonymous trivial", "pairs", "anon_article"),
        ("logged-in trivial, RPS ÷ anonymous trivial", "pairs", "user_trivial"),
        ("logged-in topic (20 posts), RPS ÷ logged-in trivial", "pairs", "user_topic"),
    ]
    for title, _kind, key in figures:
        lines.append(
            f"| {title} | "
            + " | ".join(f"{found[l]['pairs'][key]['ratio_median']:.2f}" for l in labels)
            + " |"
        )

    def rps(label, key, which):
        rounds = found[label]["pairs"][key]["rounds"]
        return statistics.median(r[which]["rps"] for r in rounds)

    lines.append(
        "| anonymous trivial, RPS (median of its pairs with the home page) | "
        + " | ".join(f"{rps(l, 'anon_home', 'baseline'):.0f}" for l in labels)
        + " |"
    )
    lines.append(
        "| logged-in trivial, RPS | "
        + " | ".join(f"{rps(l, 'user_trivial', 'page'):.0f}" for l in labels)
        + " |"
    )
    lines.append(
        "| logged-in topic, p99 ms | "
        + " | ".join(
            str(found[l]["pairs"]["user_topic"]["rounds"][-1]["page"].get("p99_ms")) for l in labels
        )
        + " |"
    )
    for key, title in (
        ("user_trivial", "logged-in trivial"),
        ("user_topic", "logged-in topic"),
        ("anon_home", "anonymous home (second request)"),
        ("anon_article", "anonymous article (second request)"),
    ):
        lines.append(
            f"| {title}: queries / session writes | "
            + " | ".join(
                f"{found[l]['inprocess'][key]['queries']} / {found[l]['inprocess'][key]['session_writes']}"
                for l in labels
            )
            + " |"
        )
    lines.append(
        "| logged-in topic HTML, raw / gzip (level 5, as nginx) bytes | "
        + " | ".join(
            f"{found[l]['inprocess']['user_topic']['raw']} / {found[l]['inprocess']['user_topic']['gzip']}"
            for l in labels
        )
        + " |"
    )
    table = "\n".join(lines)
    doc = ROOT / "docs" / "performance.md"
    text = doc.read_text() if doc.exists() else "<!-- BENCH START -->\n<!-- BENCH END -->\n"
    text = re.sub(
        r"<!-- BENCH START -->.*<!-- BENCH END -->",
        f"<!-- BENCH START -->\n{table}\n<!-- BENCH END -->",
        text,
        flags=re.S,
    )
    doc.write_text(text)
    print(table)


if __name__ == "__main__":
    main()
