#!/usr/bin/python3
"""The naive baseline of the statistics benchmark: each dashboard card computed directly over the
base tables (instruments, certificates, verifications, the inspection and sampling tables) with
GROUP BY, as a direct database client — what the endpoints would cost without the tallies.

Definitions follow the API spec (issue 12, "Statistics") and docs/reporting.md: counts over
mandatory instruments that are filed (submitted / returned / approved), by the instrument's
current verification columns (valid and due_30d: passed and not expired; overdue and
never_verified: approved; failed: last verification failed); monthly flows from the first revision
of each certificate or result notice by verification date; approvals of instruments now approved
or deregistered.

    naive.py --db sqlite:/tmp/s.db [--card by-district] [--repeat 3]
"""

import argparse
import datetime
import statistics
import sys

from dbutil import Db, today_china

FILED = "i.mandatory = 1 AND i.status IN ('submitted', 'returned', 'approved')"


def counts(today, due):
    """The seven counts of every breakdown, as SELECT expressions."""
    t, d = f"'{today}'", f"'{due}'"
    return f"""COUNT(*) AS filed,
  SUM(CASE WHEN i.status = 'approved' THEN 1 ELSE 0 END) AS approved,
  SUM(CASE WHEN i.verification_state = 'passed' AND i.valid_until >= {t} THEN 1 ELSE 0 END)
      AS valid,
  SUM(CASE WHEN i.verification_state = 'passed' AND i.valid_until >= {t} AND i.valid_until <= {d}
      THEN 1 ELSE 0 END) AS due_30d,
  SUM(CASE WHEN i.status = 'approved' AND i.verification_state = 'passed' AND i.valid_until < {t}
      THEN 1 ELSE 0 END) AS overdue,
  SUM(CASE WHEN i.status = 'approved' AND i.verification_state IN ('never', 'revoked')
      THEN 1 ELSE 0 END) AS never_verified,
  SUM(CASE WHEN i.verification_state = 'failed' THEN 1 ELSE 0 END) AS failed,
  SUM(COALESCE(i.connector_count, 1)) AS connectors"""


def cards(db, today, year):
    """card name -> list of SQL statements that together compute it."""
    due = (today + datetime.timedelta(days=30)).isoformat()
    t = today.isoformat()
    c = counts(t, due)
    y0, y1 = f"'{year}-01-01'", f"'{year}-12-31'"
    month_of_ts = ("to_char(to_timestamp(i.approved_at + 28800) AT TIME ZONE 'UTC', 'YYYY-MM')"
                   if db.pg else "strftime('%Y-%m', i.approved_at, 'unixepoch', '+8 hours')")
    # the year's first and last second, China time
    start = int(datetime.datetime(year, 1, 1, tzinfo=datetime.timezone(
        datetime.timedelta(hours=8))).timestamp())
    end = int(datetime.datetime(year + 1, 1, 1, tzinfo=datetime.timezone(
        datetime.timedelta(hours=8))).timestamp())
    if db.pg:
        items = ("CROSS JOIN LATERAL jsonb_array_elements(v.failed_items::jsonb) AS f(value)",
                 "f.value->>'item'", "f.value->>'name'")
    else:
        items = (", json_each(v.failed_items) f", "json_extract(f.value, '$.item')",
                 "json_extract(f.value, '$.name')")
    return {
        "overview": [f"""SELECT {c},
  COUNT(DISTINCT i.org_id) AS enterprises,
  SUM(CASE WHEN i.status = 'approved' AND i.verification_state IN ('never', 'revoked')
      AND i.in_use_date >= '2021-07-01' THEN 1 ELSE 0 END) AS first_use_unverified
FROM instruments i WHERE {FILED}"""],
        "by-district": [f"""SELECT r.code, r.name, x.* FROM regions r LEFT JOIN (
  SELECT i.install_region_code AS region_code, {c} FROM instruments i WHERE {FILED}
  GROUP BY i.install_region_code) x ON x.region_code = r.code
WHERE r.parent_code = (SELECT code FROM regions WHERE level = 'city' ORDER BY code LIMIT 1)
ORDER BY r.sort, r.code"""],
        "by-type": [f"""SELECT i.type_code, t.name, {c} FROM instruments i
JOIN instrument_types t ON t.code = i.type_code WHERE {FILED} GROUP BY i.type_code, t.name
ORDER BY i.type_code"""],
        "by-use": [f"""SELECT i.use, {c} FROM instruments i WHERE {FILED} GROUP BY i.use
ORDER BY i.use"""],
        "by-brand": [f"""SELECT i.brand, i.model, {c} FROM instruments i WHERE {FILED}
GROUP BY i.brand, i.model ORDER BY filed DESC, i.brand, i.model LIMIT 20"""],
        "by-operator": [f"""SELECT x.*, o.name FROM (
  SELECT i.org_id, {c} FROM instruments i WHERE {FILED} GROUP BY i.org_id
  ORDER BY overdue DESC, i.org_id LIMIT 10) x JOIN orgs o ON o.id = x.org_id
ORDER BY x.overdue DESC, x.org_id"""],
        "trends": [
            f"""SELECT {month_of_ts} AS month, COUNT(*) FROM instruments i
WHERE i.mandatory = 1 AND i.status IN ('approved', 'deregistered')
  AND i.approved_at >= {start} AND i.approved_at < {end} GROUP BY 1 ORDER BY 1""",
            f"""SELECT substr(c.verified_on, 1, 7) AS month, COUNT(*) AS verified,
  SUM(CASE WHEN c.kind = 'certificate' THEN 1 ELSE 0 END) AS passed,
  SUM(CASE WHEN c.kind <> 'certificate' THEN 1 ELSE 0 END) AS failed,
  SUM(CASE WHEN v.kind = 'first' THEN 1 ELSE 0 END) AS first,
  SUM(CASE WHEN v.kind = 'first' AND c.kind = 'certificate' THEN 1 ELSE 0 END) AS first_passed
FROM certificates c JOIN verifications v ON v.id = c.verification_id
JOIN instruments i ON i.id = c.instrument_id
WHERE c.revision = 1 AND i.mandatory = 1 AND c.verified_on >= {y0} AND c.verified_on <= {y1}
GROUP BY 1 ORDER BY 1""",
            f"""SELECT substr(i.valid_until, 1, 7) AS month, COUNT(*) FROM instruments i
WHERE {FILED} AND i.status = 'approved' AND i.verification_state = 'passed'
  AND i.valid_until >= {y0} AND i.valid_until <= {y1} AND i.valid_until < '{t}'
GROUP BY 1 ORDER BY 1"""],
        "failure-items": [f"""SELECT {items[1]} AS item, {items[2]} AS name, COUNT(*) AS n
FROM certificates c JOIN verifications v ON v.id = c.verification_id
JOIN instruments i ON i.id = c.instrument_id {items[0]}
WHERE c.revision = 1 AND c.kind <> 'certificate' AND i.mandatory = 1
  AND c.verified_on >= {y0} AND c.verified_on <= {y1}
GROUP BY 1, 2 ORDER BY n DESC"""],
        "supervision": [
            f"""SELECT COUNT(DISTINCT p.id), COUNT(a.id),
  SUM(CASE WHEN a.status = 'completed' THEN 1 ELSE 0 END)
FROM sampling_plans p LEFT JOIN appointments a ON a.sampling_plan_id = p.id
WHERE p.year = {year}""",
            f"""SELECT COUNT(DISTINCT t.id), COUNT(o.id),
  SUM(CASE WHEN o.status = 'signed' THEN 1 ELSE 0 END),
  SUM(CASE WHEN o.published_at IS NOT NULL THEN 1 ELSE 0 END)
FROM inspection_tasks t LEFT JOIN inspection_objects o ON o.task_id = t.id
WHERE t.task_date >= {y0} AND t.task_date <= {y1}""",
            f"""SELECT SUM(CASE WHEN r.status <> 'closed' THEN 1 ELSE 0 END),
  SUM(CASE WHEN r.status <> 'closed' AND r.deadline < '{t}' THEN 1 ELSE 0 END),
  SUM(CASE WHEN r.status = 'closed' THEN 1 ELSE 0 END)
FROM rectifications r WHERE r.created_at >= {start} AND r.created_at < {end}"""],
    }


def time_card(db, statements, repeat):
    """Median wall time (ms) of running all the card's statements, over `repeat` runs."""
    runs = []
    rows = None
    for _ in range(repeat):
        total = 0.0
        rows = []
        for sql in statements:
            dt, r = db.timed(sql)
            total += dt
            rows.append(r)
        runs.append(total * 1000)
    return statistics.median(runs), runs, rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--card", action="append", help="only these cards (default: all)")
    ap.add_argument("--year", type=int, default=today_china().year)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--show", action="store_true", help="print the rows of the last run")
    a = ap.parse_args()
    db = Db(a.db)
    all_cards = cards(db, today_china(), a.year)
    for name in a.card or list(all_cards):
        ms, runs, rows = time_card(db, all_cards[name], a.repeat)
        print(f"{name:<14} {ms:9.1f} ms  (runs: {', '.join(f'{r:.0f}' for r in runs)})")
        if a.show:
            for part in rows:
                for r in part[:20]:
                    print("   ", r)
    db.close()


if __name__ == "__main__":
    sys.exit(main())
