#!/usr/bin/python3
"""The second client of the statistics benchmark: keeps writing at a fixed rate (default 50
writes/s) while the dashboards are measured, so that every figure they show keeps changing.

Writes, in turn:
  1. filing — the demo enterprise `charger` files and submits a new mandatory charger in 江岸区
     (POST /api/v1/instruments with "submit": true, over HTTP: the application's own path);
  2. approval — the district bureau `jiangan` approves the oldest filing not yet decided
     (POST /api/v1/instruments/review, one instrument per request);
  3. verification — as a direct database client (the API path is seven requests: appointment,
     record, three signatures, certificate), one transaction that inserts an approved
     verification record and its certificate (95 %) or result notice (5 %, with failed items)
     and updates the instrument's verification columns, exactly the rows and columns
     CertificateService::Issue writes — so the database triggers that keep the statistics see it.

Rate pacing: write i is due at start + i / rate; several threads take the next due slot, so one
slow write (a lock wait) does not hold the others back. Runs until --duration elapses or SIGTERM /
SIGINT, then prints (and with --report writes as JSON) what it achieved.
"""

import argparse
import http.client
import json
import os
import random
import signal
import sys
import threading
import time
from collections import deque

from dbutil import Db, today_china

PASSWORD = "Mvis@Demo2026"


class Session:
    """A signed-in HTTP client (cookie + CSRF token), one connection per thread."""

    def __init__(self, host, port, username, password):
        self.host, self.port = host, port
        c = http.client.HTTPConnection(host, port, timeout=30)
        c.request("POST", "/api/v1/auth/login",
                  json.dumps({"username": username, "password": password}),
                  {"Content-Type": "application/json"})
        r = c.getresponse()
        body = r.read()
        if r.status != 200:
            raise SystemExit(f"login {username}: HTTP {r.status} {body[:200]!r}")
        cookie = r.getheader("Set-Cookie", "").split(";")[0]
        self.headers = {"Content-Type": "application/json", "Cookie": cookie,
                        "X-CSRF-Token": json.loads(body).get("csrf_token", "")}
        self.cookie = cookie
        c.close()
        self.local = threading.local()

    def post(self, path, body):
        conn = getattr(self.local, "conn", None)
        reused = conn is not None
        if conn is None:
            conn = self.local.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            conn.request("POST", path, json.dumps(body), self.headers)
            r = conn.getresponse()
            data = r.read()
        except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
            conn.close()
            self.local.conn = None
            # A kept-alive connection the server closed after its idle timeout (a thread that got
            # no write slot for a minute): the request never reached it; send it once more on a
            # new connection, as HTTP clients do.
            if not reused:
                raise
            return self.post(path, body)
        except (http.client.HTTPException, OSError):
            conn.close()
            self.local.conn = None
            raise
        return r.status, data


class Writer:
    def __init__(self, a):
        self.a = a
        host, port = a.server.replace("http://", "").rstrip("/").split(":")
        self.enterprise = Session(host, int(port), a.enterprise, a.password)
        self.bureau = Session(host, int(port), a.bureau, a.password)
        self.lock = threading.Lock()
        self.pending = deque()   # filed, not yet approved
        self.next_slot = 0
        self.stop = threading.Event()
        self.stats = {k: {"ok": 0, "errors": 0, "lat": []} for k in ("filing", "approval",
                                                                    "verification")}
        self.last_error = {}
        self.seq = 0
        self.pid = os.getpid()
        self.setup_db()

    # --- the direct database client -------------------------------------------------------------
    def setup_db(self):
        db = Db(self.a.db)
        inst = db.one("SELECT p.org_id, p.code FROM institute_profiles p WHERE p.type_codes LIKE "
                      "'%ev_ac_charger%' ORDER BY p.org_id LIMIT 1")
        self.institute, self.code = inst
        users = dict(db.rows("SELECT duties, MIN(id) FROM users WHERE org_id = ? GROUP BY duties",
                             (self.institute,)))
        self.verifier = users.get("verifier") or min(users.values())
        self.checker = users.get("checker") or self.verifier
        self.approver = users.get("approver") or self.verifier
        lo, hi = db.one("SELECT MIN(id), MAX(id) FROM instruments WHERE serial_no LIKE 'BS%'")
        if lo is None:
            lo, hi = db.one("SELECT MIN(id), MAX(id) FROM instruments")
        self.id_range = (lo, hi)
        # one completed on-site appointment of the writer that all its records belong to
        org = db.scalar("SELECT org_id FROM instruments WHERE id >= ? AND status = 'approved' "
                        "ORDER BY id LIMIT 1", (lo,))
        creator = db.scalar("SELECT MIN(id) FROM users WHERE org_id = ?", (self.institute,))
        now = int(time.time())
        today = today_china().isoformat()
        db.begin()
        db.execute("INSERT INTO appointments (org_id, institute_org_id, mode, status, "
                   "preferred_date, scheduled_date, contact_name, contact_phone, notes, "
                   "created_by, created_at, updated_at) VALUES (?, ?, 'on_site', 'completed', ?, "
                   "?, '基准测试', '13800000000', 'bench/stats writer', ?, ?, ?)",
                   (org, self.institute, today, today, creator, now, now))
        self.appointment = db.scalar("SELECT MAX(id) FROM appointments WHERE notes = "
                                     "'bench/stats writer'")
        db.commit()
        db.close()

    def verification(self, db, rng):
        today = today_china()
        lo, hi = self.id_range
        start = rng.randint(lo, hi)
        now = int(time.time())
        passed = rng.random() >= 0.05
        year = today.year
        valid_until = (today.replace(year=year + 3) if not (today.month == 2 and today.day == 29)
                       else today.replace(year=year + 3, day=28)).isoformat() if passed else ""
        with self.lock:
            self.seq += 1
            seq = self.seq
        number = f"{self.code}-{year}-{'N' if not passed else ''}W{self.pid % 100000:05d}{seq:07d}"
        failed = "[]" if passed else json.dumps(
            [{"item": "working_error", "name": "工作误差", "detail": "负载点1误差超出允许值"}],
            ensure_ascii=False)
        if db.pg:
            db.execute("BEGIN")
        else:
            db.execute("BEGIN IMMEDIATE")
        try:
            row = db.one("SELECT id, org_id, install_region_code, type_code, accuracy_class, "
                         "verification_state FROM instruments WHERE id >= ? AND "
                         "status = 'approved' ORDER BY id LIMIT 1" + (" FOR UPDATE" if db.pg else ""),
                         (start,))
            if row is None:
                db.rollback()
                return
            iid, org, region, type_code, acc, state = row
            kind = "first" if state == "never" else "subsequent"
            regulation = "JJG 1148-2022" if type_code == "ev_ac_charger" else "JJG 1149-2022"
            db.execute(
                "INSERT INTO verifications (institute_org_id, appointment_id, instrument_id, kind, "
                "regulation, accuracy_class, verified_on, status, data, conclusion, failed_items, "
                "verifier_user_id, verifier_signed_at, checker_user_id, checker_signed_at, "
                "approver_user_id, approver_signed_at, created_by, created_at, updated_at) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, 'approved', '{}', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (self.institute, self.appointment, iid, kind, regulation, acc, today.isoformat(),
                 "pass" if passed else "fail", failed, self.verifier, now, self.checker, now,
                 self.approver, now, self.verifier, now, now))
            vid = db.scalar("SELECT MAX(id) FROM verifications WHERE instrument_id = ?", (iid,))
            db.execute(
                "INSERT INTO certificates (number, revision, kind, status, verification_id, "
                "instrument_id, org_id, institute_org_id, install_region_code, issue_date, "
                "valid_until, verified_on, reason, token, snapshot, created_by, created_at) VALUES "
                "(?, 1, ?, 'valid', ?, ?, ?, ?, ?, ?, ?, ?, '', '', '{}', ?, ?)",
                (number, "certificate" if passed else "result_notice", vid, iid, org,
                 self.institute, region, today.isoformat(), valid_until, today.isoformat(),
                 self.approver, now))
            db.execute(
                "UPDATE instruments SET verification_state = ?, last_verified_on = ?, "
                "valid_until = ?, last_certificate_no = ?, updated_at = ? WHERE id = ?",
                ("passed" if passed else "failed", today.isoformat(), valid_until, number, now,
                 iid))
            db.execute("COMMIT")
        except Exception:
            db.rollback()
            raise

    # --- HTTP writes --------------------------------------------------------------------------------
    def filing(self, rng):
        with self.lock:
            self.seq += 1
            serial = f"BW{self.pid % 100000:05d}-{self.seq:07d}"
        dc = rng.random() < 0.4
        body = {"type_code": "ev_dc_charger" if dc else "ev_ac_charger",
                "name": ("直流充电机" if dc else "交流充电桩") + serial,
                "model": "BW-DC120" if dc else "BW-AC7", "serial_no": serial,
                "manufacturer": "武汉基准测试电气有限公司", "brand": "基准",
                "accuracy_class": "1" if dc else "2",
                "install_address": "武汉市江岸区解放大道1号", "install_region_code": self.a.region,
                "use": "trade_settlement", "in_use_date": today_china().isoformat(),
                "submit": True,
                "charger": {"current_type": "DC" if dc else "AC", "rated_power_kw": 120 if dc else 7,
                            "rated_voltage_v": 750 if dc else 220, "max_current_a": 250 if dc else 32,
                            "min_current_a": 10 if dc else 6, "connector_count": 2 if dc else 1,
                            "station_name": "基准测试充电站", "equipment_id": "EQ" + serial,
                            "tou_billing": True}}
        status, data = self.enterprise.post("/api/v1/instruments", body)
        if status != 201:
            raise RuntimeError(f"filing: HTTP {status} {data[:300]!r}")
        with self.lock:
            self.pending.append(json.loads(data)["id"])

    def approval(self):
        with self.lock:
            iid = self.pending.popleft() if self.pending else None
        if iid is None:
            return False
        status, data = self.bureau.post("/api/v1/instruments/review",
                                        {"ids": [iid], "decision": "approve"})
        if status != 200:
            raise RuntimeError(f"approval: HTTP {status} {data[:300]!r}")
        return True

    # --- the paced loop -----------------------------------------------------------------------------
    def worker(self, k):
        rng = random.Random(k * 7919 + self.pid)
        db = Db(self.a.db)
        period = 1.0 / self.a.rate
        while not self.stop.is_set():
            with self.lock:
                slot = self.next_slot
                self.next_slot += 1
            due = self.t0 + slot * period
            delay = due - time.monotonic()
            if delay > 0 and self.stop.wait(delay):
                break
            if self.end and time.monotonic() >= self.end:
                break
            op = ("filing", "approval", "verification")[slot % 3]
            t = time.perf_counter()
            try:
                if op == "filing":
                    self.filing(rng)
                elif op == "approval":
                    if not self.approval():
                        op = "filing"
                        self.filing(rng)
                else:
                    self.verification(db, rng)
                ok = True
            except Exception as e:  # noqa: BLE001 — counted and reported
                ok = False
                self.last_error[op] = str(e)[:300]
            dt = time.perf_counter() - t
            with self.lock:
                s = self.stats[op]
                s["ok" if ok else "errors"] += 1
                s["lat"].append(dt)
        db.close()

    def run(self):
        self.t0 = time.monotonic()
        self.end = self.t0 + self.a.duration if self.a.duration else None
        threads = [threading.Thread(target=self.worker, args=(k,), daemon=True)
                   for k in range(self.a.threads)]
        for th in threads:
            th.start()
        if self.a.ready_file:
            open(self.a.ready_file, "w").write(str(os.getpid()))

        def on_signal(*_):
            self.stop.set()

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
        while not self.stop.is_set():
            if self.end and time.monotonic() >= self.end:
                self.stop.set()
            self.stop.wait(0.2)
        for th in threads:
            th.join(timeout=35)
        elapsed = time.monotonic() - self.t0
        return self.report(elapsed)

    def report(self, elapsed):
        def pct(values, p):
            if not values:
                return None
            v = sorted(values)
            return v[min(len(v) - 1, int(p / 100 * len(v)))] * 1000

        total_ok = sum(s["ok"] for s in self.stats.values())
        total_err = sum(s["errors"] for s in self.stats.values())
        out = {"seconds": elapsed, "target_rate": self.a.rate, "writes_ok": total_ok,
               "errors": total_err, "rate": total_ok / elapsed if elapsed else 0,
               "ops": {k: {"ok": s["ok"], "errors": s["errors"], "p50_ms": pct(s["lat"], 50),
                           "p95_ms": pct(s["lat"], 95), "max_ms": pct(s["lat"], 100)}
                       for k, s in self.stats.items()},
               "last_errors": self.last_error}
        print(f"writer: {total_ok} writes in {elapsed:.1f} s = {out['rate']:.1f} writes/s "
              f"(target {self.a.rate}), {total_err} errors; " +
              ", ".join(f"{k} {v['ok']} (p95 {v['p95_ms'] or 0:.0f} ms)"
                        for k, v in out["ops"].items()), flush=True)
        for k, e in self.last_error.items():
            print(f"writer: last {k} error: {e}", file=sys.stderr)
        if self.a.report:
            with open(self.a.report, "w") as f:
                json.dump(out, f, indent=1)
        return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--server", required=True, help="http://127.0.0.1:PORT")
    ap.add_argument("--db", required=True, help="the server's database URL")
    ap.add_argument("--rate", type=float, default=50.0, help="writes per second")
    ap.add_argument("--duration", type=float, default=0, help="seconds (0: until SIGTERM)")
    ap.add_argument("--threads", type=int, default=12, help="concurrent writers (slots stay paced)")
    ap.add_argument("--enterprise", default="charger")
    ap.add_argument("--bureau", default="jiangan")
    ap.add_argument("--region", default="420102", help="install district (the bureau's)")
    ap.add_argument("--password", default=PASSWORD)
    ap.add_argument("--report", help="write the summary as JSON here")
    ap.add_argument("--ready-file", help="written once the writer is signed in and running")
    Writer(ap.parse_args()).run()


if __name__ == "__main__":
    main()
