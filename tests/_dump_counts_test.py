import json
import pytest
from bench.national import crawl as C
from bench.national.crawl import DEMO_ROLES


@pytest.mark.django_db
def test_dump(north_central):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    orig = CaptureQueriesContext.__exit__
    store = {}
    def ex(self, *a):
        r = orig(self, *a)
        store.setdefault("last", []).append([q["sql"] for q in self.captured_queries])
        return r
    CaptureQueriesContext.__exit__ = ex
    from django.test import Client
    from cluster.models import User
    out = {}
    for key, username, _d, _s, year in DEMO_ROLES:
        client = Client()
        client.force_login(User.objects.get(username=username))
        store["last"] = []
        # patch client.get to record url->sql
        rec = {}
        og = client.get
        def g(url, *a, **k):
            with CaptureQueriesContext(connection) as c:
                r = og(url, *a, **k)
            rec[url] = [q["sql"] for q in c.captured_queries]
            return r
        client.get = g
        pages = C.crawl(client, year=year)
        out[key] = {u: {"n": p["queries"], "status": p["status"], "kind": p["kind"], "sql": rec.get(u)} for u, p in pages.items()}
        c2 = Client(); c2.force_login(User.objects.get(username=username))
        with CaptureQueriesContext(connection) as c:
            c2.get("/tai-khoan/doi-mat-khau/")
        out[key]["__pw"] = {"n": len(c), "sql": [q["sql"] for q in c.captured_queries]}
    CaptureQueriesContext.__exit__ = orig
    json.dump(out, open("/tmp/pq/counts.json", "w"), ensure_ascii=False, indent=1)
