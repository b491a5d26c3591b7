"""The last hour before a deadline, compressed: every unit's officer opens the report, types,
saves, several times; the unit's leader drops in, saves a line of their own (so officer and
leader of a unit now and then save over each other's version), then waits for the officer to
finish and submits. Run by bench/run_load.sh; reads bench/results/people.json (setup_load.py).

A save answers one of three ways, all recorded in bench/results/saves.json for the lost-update
check (check_results.py):
- 302 back to the form ("tiep-tuc"): saved, with the version the form was opened at;
- 200 with "Thay đổi của bạn CHƯA được lưu": refused, someone saved first (not an error);
- 302 to the report page: refused, the report is no longer editable (submitted).
Anything else is a failure in Locust's statistics.
"""

from __future__ import annotations

import json
import os
import random
import re
import time
import uuid
from collections import defaultdict
from itertools import count
from pathlib import Path

import gevent
from locust import HttpUser, events, task
from locust.exception import StopUser

RESULTS = Path(__file__).resolve().parent / "results"
PEOPLE = json.loads((RESULTS / "people.json").read_text(encoding="utf-8"))
UNITS = PEOPLE["units"]
SAVES = int(os.environ.get("BENCH_SAVES", "5"))  # officer saves per unit
THINK = (float(os.environ.get("BENCH_THINK_MIN", "3")),
         float(os.environ.get("BENCH_THINK_MAX", "12")))  # seconds typing between pages
LEADER_ARRIVAL = float(os.environ.get("BENCH_LEADER_ARRIVAL", "60"))  # spread, seconds

VERSION = re.compile(r'name="version" value="(\d+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CONFLICT = "CHƯA được lưu"

SAVES_LOG: list[dict] = []  # every save attempt and how it ended
SUBMITS_LOG: list[dict] = []
TIMINGS: dict[str, list[float]] = defaultdict(list)
officer_done: dict[int, bool] = {}
_officer_seq, _leader_seq = count(), count()
_finished = count(1)


@events.request.add_listener
def _timing(request_type, name, response_time, exception, **_kwargs):
    TIMINGS[name].append(response_time)


@events.test_stop.add_listener
def _write(**_kwargs):
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "saves.json").write_text(json.dumps(
        {"saves": SAVES_LOG, "submits": SUBMITS_LOG, "timings": TIMINGS}), encoding="utf-8")


class UnitPerson(HttpUser):
    abstract = True
    role = ""

    def on_start(self):
        self.unit = UNITS[next(self.sequence) % len(UNITS)]
        self.client.cookies.set("sessionid", self.unit[self.role])

    def think(self):
        gevent.sleep(random.uniform(*THINK))

    def open_form(self, path: str, name: str):
        """GET a form; its version and CSRF token, or None when we were sent away."""
        with self.client.get(path, name=name, allow_redirects=False,
                             catch_response=True) as response:
            if response.status_code == 302:
                response.success()
                return None
            version, token = VERSION.search(response.text), CSRF.search(response.text)
            if response.status_code != 200 or not version or not token:
                response.failure(f"{response.status_code}: no form")
                return None
            return int(version.group(1)), token.group(1)

    def save(self, tag: str) -> str:
        edit = self.unit["edit"]
        opened = self.open_form(edit, "1 mở biểu mẫu báo cáo")
        if opened is None:
            return "closed"
        version, token = opened
        self.think()
        marker = f"{tag}-{uuid.uuid4().hex[:10]}"
        data = {"csrfmiddlewaretoken": token, "version": version, "tiep-tuc": "1",
                "highlights": f"Kết quả nổi bật {marker}",
                "key_figures": f"Số liệu chủ yếu của đơn vị {self.unit['unit']}"}
        started = time.time()
        with self.client.post(edit, data=data, name="2 lưu báo cáo", allow_redirects=False,
                              catch_response=True) as response:
            location = response.headers.get("Location", "")
            if response.status_code == 302 and location.endswith(edit):
                outcome = "saved"
                response.success()
            elif response.status_code == 302:
                outcome = "refused-closed"
                response.success()
            elif response.status_code == 200 and CONFLICT in response.text:
                outcome = "refused-conflict"
                response.success()
            else:
                outcome = f"error-{response.status_code}"
                response.failure(f"{response.status_code} {location}")
        SAVES_LOG.append({"unit": self.unit["unit"], "version": version, "marker": marker,
                          "outcome": outcome, "at": started})
        return outcome

    def done(self):
        if next(_finished) >= self.environment.runner.target_user_count:
            self.environment.runner.quit()  # everyone is through: stop at once
        raise StopUser()


class Officer(UnitPerson):
    fixed_count = len(UNITS)
    role = "officer"
    sequence = _officer_seq

    @task
    def write_the_report(self):
        for n in range(SAVES):
            if self.save(f"canbo{n}") == "closed":
                break
            if random.random() < 0.3:  # a look at the board: who has submitted
                self.client.get(self.unit["board"], name="3 bảng theo dõi")
            self.think()
        officer_done[self.unit["unit"]] = True
        self.done()


class Leader(UnitPerson):
    fixed_count = len(UNITS)
    role = "leader"
    sequence = _leader_seq

    @task
    def check_and_submit(self):
        gevent.sleep(random.uniform(0, LEADER_ARRIVAL))
        self.client.get(self.unit["report"], name="4 xem báo cáo")
        self.save("lanhdao")
        while not officer_done.get(self.unit["unit"]):
            gevent.sleep(1)
        for _attempt in range(3):
            opened = self.open_form(self.unit["submit"], "5 mở trang nộp")
            if opened is None:
                break
            version, token = opened
            with self.client.post(self.unit["submit"], name="6 nộp báo cáo",
                                  data={"csrfmiddlewaretoken": token, "version": version,
                                        "confirm": "on"},
                                  allow_redirects=False, catch_response=True) as response:
                if response.status_code == 302:
                    response.success()
                    SUBMITS_LOG.append({"unit": self.unit["unit"], "version": version})
                    break
                if response.status_code == 200 and CONFLICT in response.text:
                    response.success()  # the officer saved meanwhile: read it again
                    continue
                response.failure(f"{response.status_code}")
                break
        self.done()
