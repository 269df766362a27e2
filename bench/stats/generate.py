#!/usr/bin/python3
"""Statistics benchmark data: grows a `mvis demo` database (SQLite or PostgreSQL) to the issue 12
size with set-based SQL, one INSERT … SELECT per table inside its own transaction.

At --scale 1.0: 20 000 enterprises in 15 districts of Wuhan, 1 000 000 mandatory chargers (plus
2 % non-mandatory ones for the filters) at ~100 000 stations of 10 chargers sharing an operator,
300 brand/model strata, ~3 000 000 verification records (appointments, approved records with
their certificates or result notices) over the last 6 years, 50 000 inspected enterprises
(双随机 objects) in 180 tasks with their rectification orders. Everything is derived from a
hash of the row number, so a given scale always produces the same data.

--load bulk (default): the secondary indexes, the tally triggers and (PostgreSQL) the foreign keys
of the filled tables are set aside during the inserts, then the indexes are rebuilt, the foreign
keys re-added (checked in one pass) and the tallies built by the statistics migration's own
backfill statements — what an existing registry goes through when upgraded to that migration.
--load triggers: every row goes through the triggers (and the constraints), then the deltas are
folded as the hourly compaction does; several times slower on PostgreSQL.
Either way today's reminder run and this month's credit classification are marked done, so that
the server does not start them during the measurement.

    generate.py --db sqlite:/tmp/s.db --scale 1.0
"""

import argparse
import datetime
import glob
import json
import os
import re
import sys
import time

from dbutil import Db, today_china

P = 2147483647  # 2^31 - 1: every product below stays under 2^63 on both backends
MULT = [1103515245, 1664525, 22695477, 134775813, 214013, 69069, 1566083941, 1812433253,
        2891336453 % P, 48271, 16807, 1140671485, 25214903917 % P, 397204094, 950706376,
        742938285, 1583458089, 784588716, 1857852008, 2045116287, 1227283347, 1013904223]

BRANDS = ["特来电", "星星充电", "国家电网", "南方电网", "小桔充电", "云快充", "蔚来", "特斯拉",
          "比亚迪", "万帮", "许继", "盛弘", "英飞源", "科士达", "易事特", "奥特迅", "绿能", "华为",
          "普天", "挚达", "公牛", "正泰", "科华", "能链", "依威", "永联", "优优绿能", "通合",
          "鼎充", "驿普乐氏"]
# model index < 6: AC chargers, else DC
MODELS = ["AC7K", "AC7P", "AC11K", "AC11P", "AC22K", "AC22P", "DC60", "DC120", "DC160", "DC240"]
POWER = [7, 7, 11, 11, 22, 22, 60, 120, 160, 240]
# share (in %) of the 15 districts, in region order (sum 100)
DISTRICT_WEIGHTS = [8, 6, 5, 6, 9, 4, 12, 7, 2, 5, 7, 6, 4, 12, 7]
FAILED_ITEMS = [
    '[{"item":"working_error","name":"工作误差","detail":"负载点1误差超出允许值"}]',
    '[{"item":"working_error","name":"工作误差","detail":"负载点1误差超出允许值"},'
    '{"item":"working_error","name":"工作误差","detail":"负载点2误差超出允许值"}]',
    '[{"item":"clock_error","name":"时钟示值误差","detail":"超出 ±180 s"}]',
    '[{"item":"display","name":"显示功能（电能、时间、金额示值清晰完整）","detail":"示值缺损"}]',
    '[{"item":"anti_tamper","name":"防作弊及封印（计量部件封印完好、参数不可随意修改）",'
    '"detail":"封印破损"}]',
    '[{"item":"nameplate","name":"铭牌标志（名称、型号、制造单位、出厂编号、电压/电流、准确度等级）",'
    '"detail":"铭牌缺失"},{"item":"working_error","name":"工作误差","detail":"负载点3误差超出允许值"}]',
    '[{"item":"charging_control","name":"充电控制与结算功能","detail":"结算金额不一致"}]',
]


def H(expr, k):
    """A deterministic pseudo-random integer in [0, P) from an integer SQL expression."""
    a, b = MULT[k % len(MULT)], (k * 7919 + 12345) % P
    y = f"((({expr}) * {a} + {b}) % {P})"
    return f"(({y} * {y} + ({expr})) % {P})"


def case_pick(value_expr, cumulative, values):
    """CASE mapping value_expr (0..99 or similar) to values by cumulative upper bounds."""
    parts = [f"WHEN ({value_expr}) < {c} THEN {v}" for c, v in zip(cumulative[:-1], values[:-1])]
    return f"CASE {' '.join(parts)} ELSE {values[-1]} END"


def quote(s):
    return "'" + s.replace("'", "''") + "'"


class Generator:
    def __init__(self, db, scale, load="bulk", migrations=None):
        self.db = db
        self.scale = scale
        self.load = load
        self.migrations = migrations or os.path.join(
            os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "store", "migrations")
        self.today = today_china()
        self.days = 6 * 365  # the 6 years ending today
        self.d0 = self.today - datetime.timedelta(days=self.days)
        self.epoch0 = int(datetime.datetime(self.d0.year, self.d0.month, self.d0.day,
                                            tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
                          .timestamp())
        self.n_enterprises = max(50, round(20000 * scale))
        self.n_mandatory = max(1000, round(1_000_000 * scale))
        self.n_chargers = round(self.n_mandatory * 50 / 49)  # 1 in 50 is not mandatory
        self.n_stations = (self.n_chargers + 9) // 10
        self.n_objects = max(180, round(50000 * scale))
        self.timings = []

    # --- helpers ------------------------------------------------------------------------------
    def ts(self, day_expr, extra=0):
        return f"({self.epoch0} + ({day_expr}) * 86400 + {extra})"

    def next_id(self, table):
        return (self.db.scalar(f"SELECT COALESCE(MAX(id), 0) FROM {table}") or 0) + 1

    def step(self, name, sql, params=(), table=None):
        t = time.perf_counter()
        self.db.begin()
        try:
            cur = self.db.execute(sql, params)
            n = cur.rowcount if self.db.pg else self.db.scalar("SELECT changes()")
            if self.db.pg and table:  # explicit ids: move the identity past them
                self.db.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                f"(SELECT MAX(id) FROM {table}))")
            self.db.commit()
        except Exception:
            self.db.rollback()
            print(f"failed in step {name}; SQL:\n{sql[:4000]}", file=sys.stderr)
            raise
        dt = time.perf_counter() - t
        self.timings.append((name, n, dt))
        print(f"  {name:<28} {n:>10,} rows  {dt:7.1f} s", flush=True)

    def region_case(self, v):
        return case_pick(v, self.cum_weights, [quote(c) for c in self.districts])

    # --- context from the demo database -------------------------------------------------------
    def load_context(self):
        db = self.db
        if db.scalar("SELECT COUNT(*) FROM instruments WHERE serial_no LIKE 'BS%'"):
            raise SystemExit("this database already holds benchmark data (serial numbers BS…)")
        city = db.scalar("SELECT code FROM regions WHERE level = 'city' ORDER BY code LIMIT 1")
        regions = db.rows("SELECT code, name FROM regions WHERE parent_code = ? ORDER BY sort, code",
                          (city,))
        if len(regions) < 15:
            raise SystemExit(f"expected 15 districts under {city}, found {len(regions)}")
        self.districts = [r[0] for r in regions[:15]]
        self.district_names = {r[0]: r[1] for r in regions}
        cum, acc = [], 0
        for w in DISTRICT_WEIGHTS:
            acc += w
            cum.append(acc)
        self.cum_weights = cum
        inst = db.one("SELECT p.org_id, p.code FROM institute_profiles p WHERE p.type_codes LIKE "
                      "'%ev_ac_charger%' ORDER BY p.org_id LIMIT 1")
        if not inst:
            raise SystemExit("no institute verifies chargers: start from a `mvis demo` database")
        self.institute, self.institute_code = inst

        def user(cond, params=()):
            u = db.scalar(f"SELECT id FROM users WHERE {cond} ORDER BY id LIMIT 1", params)
            if u is None:
                raise SystemExit(f"no user with {cond} {params}: start from a `mvis demo` database")
            return u

        self.verifier = user("org_id = ? AND duties LIKE '%verifier%'", (self.institute,))
        self.checker = user("org_id = ? AND duties LIKE '%checker%'", (self.institute,))
        self.approver = user("org_id = ? AND duties LIKE '%approver%'", (self.institute,))
        self.city_user = user("role = 'city_regulator'")
        self.item_id = db.scalar("SELECT MIN(id) FROM inspection_items")

    # --- steps ---------------------------------------------------------------------------------
    def helper_tables(self):
        db = self.db
        tmp = "TEMP "
        db.execute("DROP TABLE IF EXISTS bench_six")
        db.execute("DROP TABLE IF EXISTS bench_station")
        db.execute(f"CREATE {tmp}TABLE bench_six (j INTEGER PRIMARY KEY)")
        for j in range(1, 7):
            db.execute("INSERT INTO bench_six (j) VALUES (?)", (j,))
        db.execute(f"CREATE {tmp}TABLE bench_station (s INTEGER PRIMARY KEY, org_id BIGINT NOT NULL, "
                   "region TEXT NOT NULL, brand_i INTEGER NOT NULL, model_i INTEGER NOT NULL, "
                   "k INTEGER NOT NULL, last_day INTEGER NOT NULL, sp INTEGER NOT NULL)")

    def enterprises(self):
        self.e_base = self.next_id("orgs")
        db = self.db
        with_, src = db.series(self.n_enterprises)
        sql = f"""{with_}
INSERT INTO orgs (id, kind, name, credit_code, region_code, address, contact_name, contact_phone,
                  status, created_at)
SELECT {self.e_base} + e, 'enterprise', '武汉充电运营' || {db.lpad('e', 5)} || '有限公司',
       '91420100BM' || {db.lpad('e', 7)} || 'X', {self.region_case(H('e', 2) + ' % 100')},
       '武汉市', '经理', '13800000000', 'active', {self.epoch0}
FROM (SELECT n - 1 AS e FROM {src}) a"""
        self.step("orgs (enterprises)", sql, table="orgs")

    def stations(self):
        db = self.db
        T = self.days
        E = self.n_enterprises
        with_, src = db.series(self.n_stations)
        k_case = case_pick("ku", [5, 13, 28, 53, 77, 91, 100], [0, 1, 2, 3, 4, 5, 6])
        # last verification day: 82 % recent (valid), 5 % expiring within ~30 days, 13 % overdue
        last_case = (f"CASE WHEN lv < 820 THEN {T} - 1 - (lv * 1060) / 820 "
                     f"WHEN lv < 870 THEN {T} - 1066 - ((lv - 820) * 30) / 50 "
                     f"ELSE {T} - 1100 - ((lv - 870) * 900) / 130 END")
        sql = f"""{with_}
INSERT INTO bench_station (s, org_id, region, brand_i, model_i, k, last_day, sp)
SELECT s, org_id, region, brand_i, model_i, k, last_day,
       CASE WHEN k <= 1 THEN 0 ELSE (last_day - first_day) / (k - 1) END
FROM (
 SELECT c.*, CASE WHEN k <= 1 THEN last_day
                  ELSE (fu * {db.greatest('0', 'last_day - (k - 1) * 180')}) / 1000 END AS first_day
 FROM (
  SELECT s, fu, {self.e_base} + idx AS org_id,
         CASE WHEN {H('s', 3)} % 100 < 85 THEN {self.region_case(H('idx', 2) + ' % 100')}
              ELSE {self.region_case(H('s', 4) + ' % 100')} END AS region,
         (bx * bx * 30) / 1000000 AS brand_i, {H('s', 6)} % 10 AS model_i,
         {k_case} AS k, {last_case} AS last_day
  FROM (
    SELECT s, fu, (x * x * {E}) / 1000000000000 AS idx, {H('s', 5)} % 1000 AS bx,
           {H('s', 7)} % 100 AS ku, {H('s', 8)} % 1000 AS lv
    FROM (SELECT n - 1 AS s, {H('n - 1', 1)} % 1000000 AS x, {H('n - 1', 9)} % 1000 AS fu
          FROM {src}) a
  ) b
 ) c
) d"""
        self.step("stations (helper)", sql)

    def instruments(self):
        db = self.db
        T = self.days
        self.i_base = self.next_id("instruments")
        with_, src = db.series(self.n_chargers)
        brand = case_pick("brand_i", list(range(1, 31)), [quote(b) for b in BRANDS])
        model = case_pick("model_i", list(range(1, 11)), [quote(m) for m in MODELS])
        power = case_pick("model_i", list(range(1, 11)), [str(p) for p in POWER])
        status = case_pick("su", [88, 92, 94, 97, 100],
                           ["'approved'", "'submitted'", "'returned'", "'deregistered'", "'draft'"])
        issue = db.day(self.d0, "last_day + 1")
        number = (f"{quote(self.institute_code + '-')} || substr({issue}, 1, 4) || '-' || "
                  f"CASE WHEN fail_last = 1 THEN 'N' ELSE '' END || {db.lpad('c * 6 + kk - 1', 7)}")
        sql = f"""{with_}
INSERT INTO instruments (id, org_id, type_code, name, model, serial_no, manufacturer, brand,
  accuracy_class, measuring_range, install_address, install_region_code, use, in_use_date,
  charger_current, rated_power_kw, rated_voltage_v, max_current_a, min_current_a, connector_count,
  station_name, equipment_id, tou_billing, longitude, latitude, mandatory, status,
  deregister_kind, deregister_date, submitted_at, approved_at, created_at, updated_at,
  verification_state, last_verified_on, valid_until, last_certificate_no)
SELECT {self.i_base} + c, org_id,
  CASE WHEN model_i < 6 THEN 'ev_ac_charger' ELSE 'ev_dc_charger' END,
  CASE WHEN model_i < 6 THEN '交流充电桩' ELSE '直流充电机' END,
  {brand} || '-' || {model}, 'BS' || {db.lpad('c', 8)}, {brand} || '新能源科技有限公司', {brand},
  CASE WHEN model_i < 6 THEN '2' ELSE '1' END, '',
  '武汉市' || region || '路' || s || '号', region,
  CASE WHEN mu = 0 THEN 'other' ELSE 'trade_settlement' END, {db.day(self.d0, 'in_use_day')},
  CASE WHEN model_i < 6 THEN 'AC' ELSE 'DC' END, {power},
  CASE WHEN model_i < 6 THEN 220 ELSE 750 END, CASE WHEN model_i < 6 THEN 32 ELSE 250 END,
  CASE WHEN model_i < 6 THEN 6 ELSE 10 END, CASE WHEN model_i < 6 THEN 1 ELSE 2 END,
  '充电站' || s, 'EQ' || {db.lpad('c', 9)}, 1, 114.0 + (hr % 600) / 1000.0,
  30.4 + (hr % 500) / 1000.0, CASE WHEN mu = 0 THEN 0 ELSE 1 END, status,
  CASE WHEN status = 'deregistered' THEN 'scrapped' ELSE '' END,
  CASE WHEN status = 'deregistered' THEN {db.day(self.d0, f'{T} - 1 - hr % 300')} ELSE '' END,
  CASE WHEN status = 'draft' THEN NULL ELSE {self.ts('in_use_day', 3600)} END,
  CASE WHEN status IN ('approved', 'deregistered') THEN {self.ts('in_use_day', 7200)} ELSE NULL END,
  {self.ts('in_use_day')}, {self.ts('in_use_day', 7200)},
  CASE WHEN kk = 0 THEN 'never' WHEN fail_last = 1 THEN 'failed' WHEN revoked0 = 1 THEN 'revoked'
       ELSE 'passed' END,
  CASE WHEN kk = 0 THEN '' ELSE {db.day(self.d0, 'last_day')} END,
  CASE WHEN kk = 0 OR fail_last = 1 OR revoked0 = 1 THEN '' ELSE {db.plus_months(issue, 36)} END,
  CASE WHEN kk = 0 THEN '' ELSE {number} END
FROM (
  SELECT b.*,
    CASE WHEN kk > 0 THEN {db.least(str(T), 'last_day - (kk - 1) * sp + 2')}
         ELSE hr % {T - 5} END AS in_use_day,
    CASE WHEN kk > 0 AND {H('c * 8 + kk', 13)} % 1000 < 30 THEN 1 ELSE 0 END AS fail_last,
    CASE WHEN kk > 0 AND {H('c', 14)} % 1000 < 5 THEN 1 ELSE 0 END AS revoked0
  FROM (
    SELECT a.c, a.s, st.org_id, st.region, st.brand_i, st.model_i, st.last_day, st.sp, a.su,
           a.mu, a.hr, {status} AS status,
           CASE WHEN su < 88 OR (su >= 94 AND su < 97) THEN st.k ELSE 0 END AS kk
    FROM (SELECT n - 1 AS c, (n - 1) / 10 AS s, {H('n - 1', 12)} % 100 AS su,
                 {H('n - 1', 10)} % 50 AS mu, {H('n - 1', 11)} AS hr FROM {src}) a
    JOIN bench_station st ON st.s = a.s
  ) b
) d0"""
        self.step("instruments", sql, table="instruments")

    def appointments(self):
        db = self.db
        self.a_base = self.next_id("appointments")
        vd = "(st.last_day - (st.k - x.j) * st.sp)"
        sql = f"""
INSERT INTO appointments (id, org_id, institute_org_id, mode, status, preferred_date,
  scheduled_date, contact_name, contact_phone, verifier_user_ids, submitted_at, accepted_at,
  created_by, created_at, updated_at)
SELECT {self.a_base} + st.s * 6 + x.j - 1, st.org_id, {self.institute}, 'on_site', 'completed',
  {db.day(self.d0, vd + ' - 7')}, {db.day(self.d0, vd)}, '联系人', '13800000000',
  '{self.verifier}', {self.ts(vd + ' - 10')}, {self.ts(vd + ' - 9')}, {self.city_user},
  {self.ts(vd + ' - 10')}, {self.ts(vd)}
FROM bench_station st JOIN bench_six x ON x.j <= st.k"""
        self.step("appointments", sql, table="appointments")

    def verifications(self):
        db = self.db
        self.v_base = self.next_id("verifications")
        fitems = case_pick("fu", [4, 6, 9, 11, 13, 15, 100],
                           [quote(f) for f in FAILED_ITEMS])
        sql = f"""
INSERT INTO verifications (id, institute_org_id, appointment_id, instrument_id, kind, regulation,
  accuracy_class, verified_on, status, data, conclusion, failed_items, verifier_user_id,
  verifier_signed_at, checker_user_id, checker_signed_at, approver_user_id, approver_signed_at,
  created_by, created_at, updated_at)
SELECT {self.v_base} + c * 6 + j - 1, {self.institute}, {self.a_base} + s * 6 + j - 1, iid,
  CASE WHEN j = 1 THEN 'first' WHEN ku < 5 THEN 'in_service' ELSE 'subsequent' END,
  CASE WHEN type_code = 'ev_ac_charger' THEN 'JJG 1148-2022' ELSE 'JJG 1149-2022' END,
  accuracy_class, {db.day(self.d0, 'vd')}, 'approved', '{{}}',
  CASE WHEN f = 1 THEN 'fail' ELSE 'pass' END, CASE WHEN f = 1 THEN {fitems} ELSE '[]' END,
  {self.verifier}, {self.ts('vd', 30000)}, {self.checker}, {self.ts('vd', 40000)},
  {self.approver}, {self.ts('vd', 50000)}, {self.verifier}, {self.ts('vd', 20000)},
  {self.ts('vd', 50000)}
FROM (
  SELECT i.id AS iid, i.id - {self.i_base} AS c, st.s, x.j, i.type_code, i.accuracy_class,
    st.last_day - (st.k - x.j) * st.sp AS vd,
    CASE WHEN {H(f'(i.id - {self.i_base}) * 8 + x.j', 13)} % 1000 <
              CASE WHEN x.j = st.k THEN 30 ELSE 70 END THEN 1 ELSE 0 END AS f,
    {H(f'(i.id - {self.i_base}) * 8 + x.j', 15)} % 100 AS ku,
    {H(f'(i.id - {self.i_base}) * 8 + x.j', 16)} % 20 AS fu
  FROM instruments i
  JOIN bench_station st ON st.s = (i.id - {self.i_base}) / 10
  JOIN bench_six x ON x.j <= st.k
  WHERE i.id >= {self.i_base} AND i.status IN ('approved', 'deregistered')
) v"""
        self.step("verifications", sql, table="verifications")

    def certificates(self):
        db = self.db
        self.c_base = self.next_id("certificates")
        issue = db.plus_days("v.verified_on", 1)
        sql = f"""
INSERT INTO certificates (id, number, revision, kind, status, verification_id, instrument_id,
  org_id, institute_org_id, install_region_code, issue_date, valid_until, verified_on, reason,
  token, snapshot, created_by, created_at)
SELECT {self.c_base} + off, num, 1,
  CASE WHEN conclusion = 'pass' THEN 'certificate' ELSE 'result_notice' END,
  CASE WHEN state = 'revoked' AND last_no = num THEN 'revoked' ELSE 'valid' END,
  vid, iid, org_id, {self.institute}, region, issue,
  CASE WHEN conclusion = 'pass' THEN {db.plus_months('issue', 36)} ELSE '' END, verified_on,
  CASE WHEN state = 'revoked' AND last_no = num THEN '检定数据有误，证书注销' ELSE '' END,
  '', '{{}}', {self.approver}, created_at + 86400
FROM (
  SELECT a.*, {quote(self.institute_code + '-')} || substr(issue, 1, 4) || '-' ||
         CASE WHEN conclusion = 'fail' THEN 'N' ELSE '' END || {db.lpad('off', 7)} AS num
  FROM (
    SELECT v.id AS vid, v.id - {self.v_base} AS off, v.instrument_id AS iid, v.conclusion,
           v.verified_on, {issue} AS issue, v.created_at, i.org_id,
           i.install_region_code AS region, i.verification_state AS state,
           i.last_certificate_no AS last_no
    FROM verifications v JOIN instruments i ON i.id = v.instrument_id
    WHERE v.id >= {self.v_base}
  ) a
) b"""
        self.step("certificates", sql, table="certificates")

    def bureaus(self):
        """A district bureau per district (the demo has five): inspection tasks belong to one."""
        db = self.db
        have = {r[0]: r[1] for r in db.rows(
            "SELECT region_code, MIN(id) FROM orgs WHERE kind = 'district_bureau' GROUP BY region_code")}
        db.begin()
        for code in self.districts:
            if code in have:
                continue
            db.execute("INSERT INTO orgs (kind, name, region_code, address, contact_name, "
                       "contact_phone, status, created_at) VALUES ('district_bureau', ?, ?, "
                       "'武汉市', '计量科', '13800000000', 'active', ?)",
                       ("武汉市" + self.district_names[code] + "市场监督管理局", code, self.epoch0))
        db.commit()
        self.bureau = {r[0]: r[1] for r in db.rows(
            "SELECT region_code, MIN(id) FROM orgs WHERE kind = 'district_bureau' GROUP BY region_code")}

    def inspections(self):
        db = self.db
        self.bureaus()
        t_base = self.next_id("inspection_tasks")
        tasks = []
        for d in self.districts:
            for y in range(self.today.year - 5, self.today.year + 1):
                for b, month in ((1, 4), (2, 10)):
                    date = datetime.date(y, month, 15)
                    if date > self.today:
                        date = self.today - datetime.timedelta(days=3)
                    age = (self.today - date).days
                    status = "published" if age > 60 else "completed" if age > 20 else "drawn"
                    at = self.epoch0 + ((date - self.d0).days) * 86400
                    tasks.append((t_base + len(tasks), self.bureau[d], d, self.item_id,
                                  f"{y}年{self.district_names[d]}充电桩计量监督抽查（第{b}批）",
                                  date.isoformat(), "500,2000,6000,10000", status, "bench",
                                  "bench", "[]", "[]", 0,
                                  at, at + 20 * 86400 if status != "drawn" else None,
                                  (date + datetime.timedelta(days=40)).isoformat(),
                                  at + 40 * 86400 if status == "published" else None,
                                  self.city_user, at - 86400, at))
        t = time.perf_counter()
        db.begin()
        for row in tasks:
            db.execute("INSERT INTO inspection_tasks (id, org_id, region_code, item_id, name, "
                       "task_date, ratios, status, seed, algorithm, frame, excluded, frame_size, "
                       "drawn_at, completed_at, publish_deadline, published_at, created_by, "
                       "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                       "?, ?, ?, ?, ?, ?)", row)
        if db.pg:
            db.execute("SELECT setval(pg_get_serial_sequence('inspection_tasks', 'id'), "
                       "(SELECT MAX(id) FROM inspection_tasks))")
        db.commit()
        self.timings.append(("inspection_tasks", len(tasks), time.perf_counter() - t))
        print(f"  {'inspection_tasks':<28} {len(tasks):>10,} rows  "
              f"{time.perf_counter() - t:7.1f} s")
        nt, E = len(tasks), self.n_enterprises
        r_base = self.next_id("rectifications")
        o_base = self.next_id("inspection_objects")
        with_, src = db.series(self.n_objects)
        today = quote(self.today.isoformat())
        base = (f"(SELECT n - 1 AS o, (n - 1) % {nt} AS ti, (n - 1) / {nt} + 1 AS p, "
                f"{H('n', 20)} % 100 AS ru, {H('n', 21)} % 100 AS ru2 FROM {src}) a "
                f"JOIN inspection_tasks t ON t.id = {t_base} + a.ti")
        org = f"{self.e_base} + (a.ti * 997 + a.p * 7) % {E}"
        deadline = db.plus_days("t.task_date", 30)
        self.step("rectifications", f"""{with_}
INSERT INTO rectifications (id, org_id, region_code, source, source_id, source_name, items,
  deadline, status, answer, answered_at, created_by, created_at, updated_at, closed_at)
SELECT {r_base} + a.o, {org}, t.region_code, 'inspection', t.id, '双随机抽查：' || t.name,
  '["责令改正：未备案充电桩补办备案并申请检定"]', {deadline},
  CASE WHEN {deadline} < {db.plus_days(today, -60)} AND a.ru2 < 92 THEN 'closed'
       WHEN a.ru2 % 2 = 0 THEN 'issued' ELSE 'answered' END,
  CASE WHEN a.ru2 % 2 = 1 OR a.ru2 < 92 THEN '已整改' ELSE '' END,
  CASE WHEN a.ru2 % 2 = 1 OR a.ru2 < 92 THEN t.completed_at ELSE NULL END,
  {self.city_user}, t.completed_at, t.completed_at,
  CASE WHEN {deadline} < {db.plus_days(today, -60)} AND a.ru2 < 92 THEN t.completed_at + 86400
       ELSE NULL END
FROM {base}
WHERE t.status <> 'drawn' AND a.ru >= 85 AND a.ru < 95""", table="rectifications")
        self.step("inspection_objects", f"""{with_}
INSERT INTO inspection_objects (id, task_id, org_id, credit_class, pick_order, status, checks,
  result, follow_up, rectification_id, recorded_by, recorded_at, completed_at, published_at)
SELECT {o_base} + a.o, t.id, {org}, CASE WHEN a.ru2 < 60 THEN 'A' WHEN a.ru2 < 85 THEN 'B'
       WHEN a.ru2 < 97 THEN 'C' ELSE 'D' END, a.p,
  CASE WHEN t.status <> 'drawn' THEN 'signed' WHEN a.ru < 50 THEN 'pending' ELSE 'recorded' END,
  '[]',
  CASE WHEN t.status = 'drawn' AND a.ru < 50 THEN '' WHEN a.ru < 85 THEN 'no_problem'
       WHEN a.ru < 95 THEN 'corrected' WHEN a.ru < 98 THEN 'no_activity' ELSE 'closed' END,
  CASE WHEN t.status = 'drawn' AND a.ru < 50 THEN '' WHEN a.ru >= 85 AND a.ru < 95
       THEN 'order_correction' ELSE 'none' END,
  CASE WHEN t.status <> 'drawn' AND a.ru >= 85 AND a.ru < 95 THEN {r_base} + a.o ELSE NULL END,
  CASE WHEN t.status = 'drawn' AND a.ru < 50 THEN NULL ELSE {self.city_user} END,
  CASE WHEN t.status = 'drawn' AND a.ru < 50 THEN NULL ELSE t.drawn_at + 86400 END,
  CASE WHEN t.status <> 'drawn' THEN t.completed_at ELSE NULL END, t.published_at
FROM {base}""", table="inspection_objects")

    # --- bulk load: triggers and secondary indexes off, tallies from the migration's backfill ---
    BULK_TABLES = ("instruments", "appointments", "verifications", "certificates")
    TRIGGER_TABLES = ("instruments", "certificates")

    def backfill_statements(self):
        """The `INSERT INTO stat_…` statements with which the statistics migration builds the
        tallies of an existing database, rendered for this backend (the `-- [sqlite]` /
        `-- [postgresql]` sections), trigger and function bodies left out."""
        files = sorted(glob.glob(os.path.join(self.migrations, "*.sql")))
        mine = "postgresql" if self.db.pg else "sqlite"
        stmts = []
        for f in files:
            text = open(f, encoding="utf-8").read()
            if "CREATE TABLE stat_" not in text:
                continue
            out, only = [], ""
            for line in text.split("\n"):
                if line in ("-- [sqlite]", "-- [postgresql]"):
                    only = line[4:-1]
                elif line == "-- [end]":
                    only = ""
                elif not only or only == mine:
                    out.append(line)
            sql = "\n".join(l for l in out if not l.lstrip().startswith("--"))
            sql = re.sub(r"\$\$.*?\$\$", "", sql, flags=re.S)
            sql = re.sub(r"CREATE TRIGGER.*?\nEND;", "", sql, flags=re.S)
            for st in sql.split(";"):
                st = st.strip()
                if re.match(r"INSERT INTO stat_\w+", st):
                    stmts.append(st)
        return stmts

    def bulk_begin(self):
        """Drops the secondary indexes of the tables about to be filled (recreated after, which
        is much faster than maintaining them row by row) and turns their triggers off."""
        db = self.db
        self.dropped_indexes, self.dropped_triggers = [], []
        t = time.perf_counter()
        for table in self.BULK_TABLES:
            if db.pg:
                rows = db.rows(
                    "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = "
                    "current_schema() AND i.tablename = ? AND NOT EXISTS (SELECT 1 FROM "
                    "pg_constraint c WHERE c.conindid = to_regclass(i.indexname))", (table,))
            else:
                rows = db.rows("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                               "tbl_name = ? AND sql IS NOT NULL", (table,))
            for name, ddl in rows:
                db.execute(f"DROP INDEX {name}")
                self.dropped_indexes.append((name, ddl))
        self.dropped_fks = []
        if db.pg:
            # PostgreSQL checks a foreign key with one index probe per row; re-adding the
            # constraint after the load checks all rows with one join instead.
            for table in self.BULK_TABLES:
                for name, ddl in db.rows(
                        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE "
                        "conrelid = to_regclass(?) AND contype = 'f'", (table,)):
                    db.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
                    self.dropped_fks.append((table, name, ddl))
        for table in self.TRIGGER_TABLES:
            if db.pg:
                db.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            else:
                for name, ddl in db.rows("SELECT name, sql FROM sqlite_master WHERE type = "
                                         "'trigger' AND tbl_name = ?", (table,)):
                    db.execute(f"DROP TRIGGER {name}")
                    self.dropped_triggers.append((name, ddl))
        print(f"  {'bulk: indexes/triggers off':<28} {len(self.dropped_indexes):>10} indexes"
              + (f", {len(self.dropped_fks)} foreign keys" if self.dropped_fks else "")
              + f"  {time.perf_counter() - t:7.1f} s", flush=True)

    def bulk_end(self):
        db = self.db
        t = time.perf_counter()
        for name, ddl in self.dropped_indexes:
            db.execute(ddl)
        dt = time.perf_counter() - t
        self.timings.append(("recreate indexes", len(self.dropped_indexes), dt))
        print(f"  {'recreate indexes':<28} {len(self.dropped_indexes):>10} indexes  {dt:7.1f} s",
              flush=True)
        if self.dropped_fks:
            t = time.perf_counter()
            for table, name, ddl in self.dropped_fks:
                db.execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} {ddl}")
            dt = time.perf_counter() - t
            self.timings.append(("re-add foreign keys", len(self.dropped_fks), dt))
            print(f"  {'re-add foreign keys':<28} {len(self.dropped_fks):>10} checked  {dt:7.1f} s",
                  flush=True)
        for table in self.TRIGGER_TABLES:
            if db.pg:
                db.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        for name, ddl in self.dropped_triggers:
            db.execute(ddl)
        t = time.perf_counter()
        stmts = self.backfill_statements()
        tables = sorted({re.match(r"INSERT INTO (stat_\w+)", s).group(1) for s in stmts})
        db.begin()
        for table in tables:
            db.execute(f"DELETE FROM {table}")
        for st in stmts:
            db.execute(st)
        # Running servers' copies of the tallies (tally_mirror.hpp) reload, as after compaction.
        db.execute("UPDATE tally_generation SET generation = generation + 1")
        db.commit()
        dt = time.perf_counter() - t
        n = sum(db.scalar(f"SELECT COUNT(*) FROM {t}") for t in tables)
        self.timings.append(("tallies (migration backfill)", n, dt))
        print(f"  {'tallies (migration backfill)':<28} {n:>10,} rows  {dt:7.1f} s "
              f"({len(stmts)} statements into {', '.join(tables)})", flush=True)

    def fold_tallies(self):
        """The statistics tallies (tables stat_*: delta rows of +n/-n per key, appended by the
        triggers for every generated row) folded into one row per key, as the server's hourly
        compaction does — the state of a system that has been running: the benchmark then starts
        with compacted tallies, and the writer adds fresh deltas on top."""
        db = self.db
        if db.pg:
            tables = [r[0] for r in db.rows(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                "current_schema() AND table_name LIKE 'stat\\_%' ORDER BY table_name")]
        else:
            tables = [r[0] for r in db.rows(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'stat\\_%' "
                "ESCAPE '\\' ORDER BY name")]
        for table in tables:
            if db.pg:
                cols = [r[0] for r in db.rows(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                    "current_schema() AND table_name = ? ORDER BY ordinal_position", (table,))]
            else:
                cols = [r[1] for r in db.rows(f"PRAGMA table_info({table})")]
            if "n" not in cols or "id" not in cols:
                continue
            values = [c for c in cols if c in ("n", "connectors")]
            # tx (PostgreSQL): the writing transaction, filled in by the column's default
            keys = [c for c in cols if c not in values and c not in ("id", "tx")]
            upto = db.scalar(f"SELECT MAX(id) FROM {table}")
            if upto is None:
                continue
            k = ", ".join(keys)
            sums = ", ".join(f"SUM({v})" for v in values)
            t = time.perf_counter()
            before = db.scalar(f"SELECT COUNT(*) FROM {table}")
            db.begin()
            db.execute(f"INSERT INTO {table} ({k}, {', '.join(values)}) SELECT {k}, {sums} "
                       f"FROM {table} WHERE id <= {upto} GROUP BY {k} HAVING SUM(n) <> 0")
            db.execute(f"DELETE FROM {table} WHERE id <= {upto}")
            db.execute("UPDATE tally_generation SET generation = generation + 1")
            db.commit()
            after = db.scalar(f"SELECT COUNT(*) FROM {table}")
            dt = time.perf_counter() - t
            self.timings.append((f"fold {table}", after, dt))
            print(f"  {'fold ' + table:<28} {before:>10,} → {after:,} rows  {dt:7.1f} s",
                  flush=True)
            if db.pg:
                db.execute(f"VACUUM ANALYZE {table}")

    def finish(self):
        db = self.db
        t = time.perf_counter()
        # A system that has been running has sent today's expiry reminders and classed this
        # month's enterprises: claim both runs so that the server does not do them (a burst of
        # reminder and credit writes over the whole registry) while the dashboards are measured.
        now = int(time.time())
        for job, run in (("verification_reminders", self.today.isoformat()),
                         ("credit_classes", self.today.isoformat()[:7])):
            db.execute("INSERT INTO job_runs (job, run_date, started_at) VALUES (?, ?, ?) "
                       "ON CONFLICT DO NOTHING", (job, run, now))
        db.execute("DROP TABLE IF EXISTS bench_station")
        db.execute("DROP TABLE IF EXISTS bench_six")
        if db.pg:
            for table in ("orgs", "instruments", "appointments", "verifications", "certificates",
                          "inspection_tasks", "inspection_objects", "rectifications"):
                db.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                           f"(SELECT MAX(id) FROM {table}))")
            db.execute("ANALYZE")
        print(f"  {'finish (jobs, sequences, ANALYZE)':<28} {'':>10}       "
              f"{time.perf_counter() - t:7.1f} s")

    def run(self):
        db = self.db
        if not db.pg:
            db.execute("PRAGMA journal_mode=DELETE")  # one large transaction: no WAL growth
            db.execute("PRAGMA synchronous=OFF")
            db.execute("PRAGMA cache_size=-1000000")
            db.execute("PRAGMA foreign_keys=ON")
        else:
            db.execute("SET jit = off")  # compiling these long CASE expressions takes longer than running them
            db.execute("SET work_mem = '256MB'")
            db.execute("SET maintenance_work_mem = '512MB'")
        self.load_context()
        print(f"generating at scale {self.scale}: {self.n_enterprises:,} enterprises, "
              f"{self.n_chargers:,} chargers ({self.n_mandatory:,} mandatory) at "
              f"{self.n_stations:,} stations, {self.n_objects:,} inspected enterprises; "
              f"6 years {self.d0} … {self.today}", flush=True)
        t0 = time.perf_counter()
        bulk = self.load == "bulk"
        if bulk and not self.backfill_statements():
            print("  no statistics migration with backfill statements found in "
                  f"{self.migrations}: loading through the triggers", flush=True)
            bulk = False
        self.helper_tables()
        if bulk:
            self.bulk_begin()
        self.enterprises()
        self.stations()
        self.instruments()
        self.appointments()
        self.verifications()
        self.certificates()
        if bulk:
            self.bulk_end()
        self.inspections()
        if not bulk:
            self.fold_tallies()
        self.finish()
        if not db.pg:
            db.execute("PRAGMA journal_mode=WAL")
        total = time.perf_counter() - t0
        counts = {t: db.scalar(f"SELECT COUNT(*) FROM {t}") for t in (
            "orgs", "instruments", "appointments", "verifications", "certificates",
            "inspection_tasks", "inspection_objects", "rectifications")}
        print(f"generated in {total:.1f} s: " +
              ", ".join(f"{k} {v:,}" for k, v in counts.items()), flush=True)
        return total, counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="sqlite:PATH or postgresql://…")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--load", choices=("bulk", "triggers"), default="bulk",
                    help="bulk (default): secondary indexes and the tally triggers off during the "
                    "load, then the indexes rebuilt and the tallies built by the statistics "
                    "migration's own backfill statements, as when an existing database is "
                    "upgraded; triggers: every row through the triggers, then the deltas folded")
    ap.add_argument("--migrations", help="directory of the migrations (default: the source tree's)")
    ap.add_argument("--summary", help="write timings and row counts to this JSON file")
    a = ap.parse_args()
    db = Db(a.db)
    g = Generator(db, a.scale, a.load, a.migrations)
    total, counts = g.run()
    if a.summary:
        with open(a.summary, "w") as f:
            json.dump({"seconds": total, "counts": counts, "today": g.today.isoformat(),
                       "load": g.load,
                       "steps": [{"name": n, "rows": r, "seconds": s} for n, r, s in g.timings],
                       "instrument_id_min": g.i_base,
                       "enterprise_id_min": g.e_base}, f, indent=1)
    db.close()


if __name__ == "__main__":
    main()
