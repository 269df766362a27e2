"""Renders orders.sql.in for one engine (see rules.sh): python3 render_orders.py ENGINE ORDERS CHARGERS."""
import re
import sys
from pathlib import Path

engine, orders, chargers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
sql = Path(__file__).with_name("orders.sql.in").read_text(encoding="utf-8")
sql = sql.replace("@ORDERS@", str(orders)).replace("@CHARGERS@", str(chargers))
if engine == "postgresql":
    macros = {
        "PAD": lambda x: f"to_char({x}, 'FM0000000')",
        "TIME": lambda s: f"to_char(timestamp '2026-11-01 00:00:00' + ({s}) * interval '1 second', "
                          "'YYYY-MM-DD HH24:MI:SS')",
        "ROUND": lambda a: "round(({})::numeric, {})::float8".format(*a.rsplit(",", 1)),
        "SERIES": lambda n: f"SELECT generate_series(0, {n} - 1) AS g",
    }
    sql = sql.replace("@PARTITION@", "CREATE TABLE IF NOT EXISTS charge_orders_202611 PARTITION OF "
                      "charge_orders FOR VALUES FROM ('2026-11') TO ('2026-12');")
    sql = sql.replace("@KEYS@", "INSERT INTO charge_order_keys SELECT operator_ref, start_charge_seq, "
                      "start_time FROM charge_orders WHERE start_time >= '2026-11' AND start_time < "
                      "'2026-12' ON CONFLICT DO NOTHING;")
else:
    macros = {
        "PAD": lambda x: f"printf('%07d', {x})",
        "TIME": lambda s: f"strftime('%Y-%m-%d %H:%M:%S', 1793491200 + ({s}), 'unixepoch')",
        "ROUND": lambda a: f"round({a})",
        "SERIES": lambda n: f"WITH RECURSIVE q(g) AS (SELECT 0 UNION ALL SELECT g + 1 FROM q "
                            f"WHERE g < {n} - 1) SELECT g FROM q",
    }
    sql = sql.replace("@PARTITION@", "").replace("@KEYS@", "")
sql = re.sub(r"@(PAD|TIME|ROUND|SERIES)\((.*?)\)@", lambda m: macros[m.group(1)](m.group(2)), sql,
             flags=re.S)
assert "@" not in sql, "a macro was left"
sys.stdout.write(sql)
