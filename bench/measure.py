"""In-process part of `make bench`: data, a logged-in session, query counts and sizes.

Run by bench/run.py as `python bench/measure.py` inside the application folder,
with the bench's environment. Prints one JSON object.
"""

import gzip
import json
import os
import sys

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import data  # noqa: E402


def session_for(user) -> str:
    from importlib import import_module

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def measure(client: Client, url: str) -> dict:
    client.get(url)  # warm: caches, the first page's writes
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    body = response.content
    writes = [q["sql"] for q in queries.captured_queries if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")]  # fmt: skip
    return {
        "status": response.status_code,
        "queries": len(queries.captured_queries),
        "session_writes": len(writes),
        "raw": len(body),
        "gzip": len(gzip.compress(body, compresslevel=5)),
    }


def main() -> None:
    found = data.fill(
        articles=int(os.environ.get("BENCH_ARTICLES", "2000")),
        posts=int(os.environ.get("BENCH_POSTS", "20000")),
    )
    session_key = session_for(found["pupil"])
    urls = {
        "trivial": "/__bench__/trivial/",
        "home": "/",
        "news_list": "/tin-tuc/",
        "article": found["article"].get_absolute_url(),
        "topic": found["topic"].get_absolute_url(),
    }
    anonymous = Client()
    logged_in = Client()
    logged_in.cookies[settings.SESSION_COOKIE_NAME] = session_key
    figures = {}
    for name in ("trivial", "home", "news_list", "article"):
        figures[f"anon_{name}"] = measure(anonymous, urls[name])
    for name in ("trivial", "topic"):
        figures[f"user_{name}"] = measure(logged_in, urls[name])
    print(json.dumps({"urls": urls, "session": session_key, "inprocess": figures}))


main()
