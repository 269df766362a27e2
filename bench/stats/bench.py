#!/usr/bin/python3
"""Measures the statistics dashboard endpoints of a running `mvis serve` (started by run.sh on a
generated database): for every endpoint, wrk at N connections (default 8) for --duration seconds
while writer.py writes at 50 writes/s; after each endpoint, in the same run and under the same
write load, the naive GROUP BY over the base tables for the same card (naive.py, median of 3);
then a mixed run over all endpoints with random filters; finally the server's peak RSS (VmHWM).
Prints the table and writes it as JSON (--out).
"""

import argparse
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import time

import naive
from dbutil import Db, today_china

HERE = os.path.dirname(os.path.abspath(__file__))
LIMIT_MS = 200.0


def endpoints(year):
    return [
        ("overview", "/api/v1/statistics/overview"),
        ("by-district", "/api/v1/statistics/by-district"),
        ("by-type", "/api/v1/statistics/by-type"),
        ("by-use", "/api/v1/statistics/by-use"),
        ("by-brand", "/api/v1/statistics/by-brand?limit=20"),
        ("by-operator", "/api/v1/statistics/by-operator?sort=overdue&limit=10"),
        ("trends", f"/api/v1/statistics/trends?year={year}"),
        ("failure-items", f"/api/v1/statistics/failure-items?year={year}"),
        ("supervision", f"/api/v1/statistics/supervision?year={year}"),
    ]


def login(host, port, username, password):
    c = http.client.HTTPConnection(host, port, timeout=30)
    c.request("POST", "/api/v1/auth/login", json.dumps({"username": username, "password": password}),
              {"Content-Type": "application/json"})
    r = c.getresponse()
    body = r.read()
    if r.status != 200:
        raise SystemExit(f"login {username}: HTTP {r.status} {body[:200]!r}")
    return r.getheader("Set-Cookie", "").split(";")[0]


def get(host, port, cookie, path):
    c = http.client.HTTPConnection(host, port, timeout=120)
    t = time.perf_counter()
    c.request("GET", path, headers={"Cookie": cookie})
    r = c.getresponse()
    body = r.read()
    dt = time.perf_counter() - t
    c.close()
    return r.status, body, dt


def proc_status(pid):
    out = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                k, _, v = line.partition(":")
                if k in ("VmHWM", "VmRSS"):
                    out[k] = int(v.split()[0]) // 1024  # MiB
    except OSError:
        pass
    return out


def wrk(url, cookie, paths_file, duration, connections, threads, random_order=False):
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "30s",
            "-s", os.path.join(HERE, "stats.lua"), url, "--", cookie, paths_file]
    if random_order:
        args.append("random")
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError("wrk printed no summary:\n" + out)


def stat_rows(db):
    out = {}
    for t in ("stat_region", "stat_org", "stat_monthly", "stat_failures"):
        try:
            out[t] = db.scalar(f"SELECT COUNT(*) FROM {t}")
        except Exception:  # noqa: BLE001 — the schema has no such tally
            if db.pg:
                db.conn.rollback()
            out[t] = None
    return out


def mixed_paths(db, year):
    """Dashboard requests with the filters a user clicks: a district, a type, an operator, a
    year; unfiltered requests are a third of them."""
    regions = [r[0] for r in db.rows(
        "SELECT code FROM regions WHERE parent_code = (SELECT code FROM regions WHERE level = "
        "'city' ORDER BY code LIMIT 1) ORDER BY sort, code")]
    orgs = [r[0] for r in db.rows(
        "SELECT org_id FROM instruments WHERE mandatory = 1 AND status = 'approved' "
        "GROUP BY org_id ORDER BY COUNT(*) DESC LIMIT 50")]
    rng = random.Random(12)
    paths = []
    for name, path in endpoints(year):
        for _ in range(40):
            sep = "&" if "?" in path else "?"
            f = rng.randrange(6)
            if f == 0 and name != "by-district":
                q = f"region_code={rng.choice(regions)}"
            elif f == 1:
                q = f"type_code={rng.choice(['ev_ac_charger', 'ev_dc_charger'])}"
            elif f == 2 and orgs and name not in ("by-operator", "supervision"):
                q = f"org_id={rng.choice(orgs)}"
            elif f == 3 and "year=" in path:
                path_y = path.replace(f"year={year}", f"year={rng.randint(year - 5, year)}")
                paths.append(path_y)
                continue
            else:
                q = ""
            paths.append(path + (sep + q if q else ""))
    rng.shuffle(paths)
    return paths


COUNT_FIELDS = ("filed", "approved", "valid", "due_30d", "overdue", "never_verified", "failed")


def check_figures(db, naive_sql, bodies):
    """The endpoints' figures against the naive GROUP BY on the same data (before the writer
    starts): overview and by-district, field by field. Returns a list of differences."""
    def dict_rows(sql):
        cur = db.execute(sql)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    diffs = []
    if "overview" in bodies:
        got = json.loads(bodies["overview"])
        want = dict_rows(naive_sql["overview"][0])[0]
        for k in COUNT_FIELDS + ("enterprises", "connectors", "first_use_unverified"):
            if k in got and int(want.get(k) or 0) != got[k]:
                diffs.append(f"overview.{k}: endpoint {got[k]}, naive {want.get(k)}")
    if "by-district" in bodies:
        got = {i.get("region_code"): i for i in json.loads(bodies["by-district"]).get("items", [])}
        for w in dict_rows(naive_sql["by-district"][0]):
            g = got.get(w["code"], {})
            for k in COUNT_FIELDS:
                if int(w.get(k) or 0) != g.get(k, 0):
                    diffs.append(f"by-district[{w['code']}].{k}: endpoint {g.get(k)}, "
                                 f"naive {w.get(k)}")
    return diffs


def probe_filters(host, port, cookie, db, available, year):
    """One request at a time (no other reader), each endpoint with each kind of filter: the
    median of 3, so that a slow filter path shows up by name (the mixed run only shows it in
    its tail)."""
    region = db.scalar("SELECT install_region_code FROM instruments GROUP BY install_region_code "
                       "ORDER BY COUNT(*) DESC LIMIT 1")
    org = db.scalar("SELECT org_id FROM instruments WHERE mandatory = 1 GROUP BY org_id "
                    "ORDER BY COUNT(*) DESC LIMIT 1")
    variants = [("none", ""), ("region", f"region_code={region}"),
                ("type", "type_code=ev_dc_charger"), ("org", f"org_id={org}"),
                ("year-1", None)]
    out = {}
    print("  single requests by filter (median of 3, ms):", flush=True)
    print("    " + f"{'endpoint':<14}" + "".join(f"{v:>9}" for v, _ in variants), flush=True)
    for name, path in available:
        row = {}
        for v, q in variants:
            if q is None:
                if "year=" not in path:
                    continue
                p = path.replace(f"year={year}", f"year={year - 1}")
            else:
                p = path + (("&" if "?" in path else "?") + q if q else "")
            times, status = [], 0
            for _ in range(3):
                status, _, dt = get(host, port, cookie, p)
                times.append(dt * 1000)
            times.sort()
            row[v] = times[1] if status == 200 else f"HTTP {status}"
        out[name] = row
        print("    " + f"{name:<14}" + "".join(
            f"{row[v]:>9.1f}" if isinstance(row.get(v), float) else f"{row.get(v, '—'):>9}"
            for v, _ in variants), flush=True)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--server", required=True, help="http://127.0.0.1:PORT")
    ap.add_argument("--db", required=True)
    ap.add_argument("--pid", type=int, required=True, help="the server's process id")
    ap.add_argument("--backend", default="")
    ap.add_argument("--duration", type=int, default=30, help="wrk seconds per endpoint")
    ap.add_argument("--mixed-duration", type=int, help="seconds of the mixed run (0: none)")
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--wrk-threads", type=int, default=2)
    ap.add_argument("--rate", type=float, default=50.0, help="writer: writes per second")
    ap.add_argument("--user", default="city")
    ap.add_argument("--password", default="Mvis@Demo2026")
    ap.add_argument("--year", type=int, default=today_china().year)
    ap.add_argument("--naive-repeat", type=int, default=3)
    ap.add_argument("--work", default="/tmp")
    ap.add_argument("--out", help="JSON results")
    a = ap.parse_args()
    if a.mixed_duration is None:
        a.mixed_duration = a.duration
    host, port = a.server.replace("http://", "").rstrip("/").split(":")
    port = int(port)
    db = Db(a.db)
    cookie = login(host, port, a.user, a.password)
    eps = endpoints(a.year)
    naive_sql = naive.cards(db, today_china(), a.year)
    result = {"backend": a.backend, "connections": a.connections, "duration": a.duration,
              "year": a.year, "endpoints": [], "tallies_before": stat_rows(db)}

    # First call of each endpoint (cold: nothing cached in the server yet), and the check that it
    # answers at all.
    print(f"[{a.backend}] first calls:", flush=True)
    available, bodies = [], {}
    for name, path in eps:
        status, body, dt = get(host, port, cookie, path)
        print(f"  {name:<14} HTTP {status}  {dt * 1000:8.1f} ms  {len(body):6} bytes", flush=True)
        if status == 200:
            available.append((name, path))
            bodies[name] = body
        result["endpoints"].append({"name": name, "path": path, "first_status": status,
                                    "first_ms": dt * 1000, "bytes": len(body)})
    by_name = {e["name"]: e for e in result["endpoints"]}
    diffs = check_figures(db, naive_sql, bodies)
    result["figure_differences"] = diffs
    print(f"  figures of overview and by-district against the naive GROUP BY: "
          f"{'identical' if not diffs else str(len(diffs)) + ' differences'}", flush=True)
    for d in diffs[:10]:
        print("    " + d, flush=True)

    # The second client.
    ready = os.path.join(a.work, f"writer-ready-{os.getpid()}")
    report = os.path.join(a.work, f"writer-{a.backend or 'run'}.json")
    for f in (ready, report):
        if os.path.exists(f):
            os.remove(f)
    writer = subprocess.Popen([sys.executable, os.path.join(HERE, "writer.py"), "--server",
                               a.server, "--db", a.db, "--rate", str(a.rate), "--report", report,
                               "--ready-file", ready])
    for _ in range(300):
        if os.path.exists(ready) or writer.poll() is not None:
            break
        time.sleep(0.1)
    if writer.poll() is not None:
        raise SystemExit("the writer did not start")
    time.sleep(2)  # let it reach its pace
    print(f"[{a.backend}] writer running at {a.rate:g} writes/s; wrk -c{a.connections} "
          f"-d{a.duration}s per endpoint, then the naive GROUP BY (median of {a.naive_repeat})",
          flush=True)
    try:
        for name, path in available:
            pf = os.path.join(a.work, f"paths-{name}.txt")
            with open(pf, "w") as f:
                f.write(path + "\n")
            w = wrk(a.server, cookie, pf, a.duration, a.connections, a.wrk_threads)
            ms, runs, _ = naive.time_card(db, naive_sql[name], a.naive_repeat)
            e = by_name[name]
            e.update({"requests": w["requests"], "rps": w["requests"] / (w["duration_us"] / 1e6),
                      "p50_ms": w["p50_us"] / 1000, "p95_ms": w["p95_us"] / 1000,
                      "p99_ms": w["p99_us"] / 1000, "max_ms": w["max_us"] / 1000,
                      "errors": w["non2xx"] + w["connect_errors"] + w["read_errors"] +
                      w["write_errors"] + w["timeouts"],
                      "naive_ms": ms, "naive_runs_ms": runs})
            e["ratio"] = ms / e["p95_ms"] if e["p95_ms"] > 0 else None
            e["pass"] = e["p95_ms"] < LIMIT_MS and e["errors"] == 0
            print(f"  {name:<14} {w['requests']:>7} req  p50 {e['p50_ms']:7.1f}  p95 "
                  f"{e['p95_ms']:7.1f}  p99 {e['p99_ms']:7.1f} ms  errors {e['errors']}  | "
                  f"naive {ms:8.1f} ms  ({ratio(e['ratio'])})", flush=True)
        if a.mixed_duration and available:
            pf = os.path.join(a.work, "paths-mixed.txt")
            paths = [p for p in mixed_paths(db, a.year)
                     if any(p.startswith(path.split("?")[0]) for _, path in available)]
            with open(pf, "w") as f:
                f.write("\n".join(paths) + "\n")
            w = wrk(a.server, cookie, pf, a.mixed_duration, a.connections, a.wrk_threads,
                    random_order=True)
            m = {"paths": len(paths), "requests": w["requests"],
                 "rps": w["requests"] / (w["duration_us"] / 1e6), "p50_ms": w["p50_us"] / 1000,
                 "p95_ms": w["p95_us"] / 1000, "p99_ms": w["p99_us"] / 1000,
                 "max_ms": w["max_us"] / 1000,
                 "errors": w["non2xx"] + w["connect_errors"] + w["read_errors"] +
                 w["write_errors"] + w["timeouts"]}
            m["pass"] = m["p95_ms"] < LIMIT_MS and m["errors"] == 0
            result["mixed"] = m
            print(f"  {'mixed':<14} {w['requests']:>7} req  p50 {m['p50_ms']:7.1f}  p95 "
                  f"{m['p95_ms']:7.1f}  p99 {m['p99_ms']:7.1f} ms  errors {m['errors']}  "
                  f"({len(paths)} paths with filters, random order)", flush=True)
        result["filters"] = probe_filters(host, port, cookie, db, available, a.year)
    finally:
        writer.send_signal(signal.SIGTERM)
        writer.wait(timeout=60)
    with open(report) as f:
        result["writer"] = json.load(f)
    result["server_memory_mib"] = proc_status(a.pid)
    result["tallies_after"] = stat_rows(db)
    db.close()
    print_table([result])
    if a.out:
        with open(a.out, "w") as f:
            json.dump(result, f, indent=1, ensure_ascii=False)


def fmt(v, spec=".1f"):
    return "—" if v is None else format(v, spec)


def ratio(r):
    if r is None:
        return "—"
    return f"{r:.1f}×" if r < 10 else f"{r:.0f}×"


def print_table(results):
    print()
    print(f"{'backend':<11} {'endpoint':<14} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'p99 ms':>8} {'naive ms':>9} {'naive/p95':>9}  p95 < 200 ms")
    for r in results:
        for e in r["endpoints"]:
            if "requests" not in e:
                print(f"{r['backend']:<11} {e['name']:<14} {'HTTP ' + str(e['first_status']):>8}"
                      f"{'':>45}  FAIL (no answer)")
                continue
            verdict = "pass" if e["pass"] else "FAIL" + (f" ({e['errors']} errors)"
                                                        if e["errors"] else "")
            print(f"{r['backend']:<11} {e['name']:<14} {e['requests']:>8} {fmt(e['p50_ms']):>8} "
                  f"{fmt(e['p95_ms']):>8} {fmt(e['p99_ms']):>8} {fmt(e['naive_ms']):>9} "
                  f"{ratio(e['ratio']):>9}  {verdict}")
        m = r.get("mixed")
        if m:
            verdict = "pass" if m["pass"] else "FAIL" + (f" ({m['errors']} errors)"
                                                        if m["errors"] else "")
            print(f"{r['backend']:<11} {'mixed+filters':<14} {m['requests']:>8} "
                  f"{fmt(m['p50_ms']):>8} {fmt(m['p95_ms']):>8} {fmt(m['p99_ms']):>8} "
                  f"{'':>9} {'':>9}  {verdict}")
        w = r.get("writer", {})
        mem = r.get("server_memory_mib", {})
        print(f"{r['backend']:<11} writes: {w.get('writes_ok', 0)} in {w.get('seconds', 0):.0f} s = "
              f"{w.get('rate', 0):.1f}/s (target {w.get('target_rate', 0):g}), "
              f"{w.get('errors', 0)} errors; server peak RSS (VmHWM) "
              f"{mem.get('VmHWM', '?')} MiB, RSS at end {mem.get('VmRSS', '?')} MiB")
    print()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "table":
        # bench.py table RESULT.json … : print the table of earlier runs together
        rs = []
        for p in sys.argv[2:]:
            with open(p) as f:
                rs.append(json.load(f))
        print_table(rs)
    else:
        main()
