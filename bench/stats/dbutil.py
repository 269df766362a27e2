"""Database access shared by the statistics benchmark scripts: one connection to either backend
(sqlite:PATH or postgresql://…, the URLs mvis takes) and the few SQL spellings that differ."""

import datetime
import sqlite3
import time

CHINA = datetime.timezone(datetime.timedelta(hours=8))


def today_china():
    """The server's business day (China time), as a date."""
    return datetime.datetime.now(CHINA).date()


class Db:
    def __init__(self, url):
        self.url = url
        if url.startswith("sqlite:"):
            self.kind = "sqlite"
            self.conn = sqlite3.connect(url[len("sqlite:"):], timeout=30, isolation_level=None)
            self.conn.execute("PRAGMA busy_timeout=30000")
        elif url.startswith("postgresql://") or url.startswith("postgres://"):
            try:
                import psycopg2
            except ImportError as e:
                raise SystemExit(
                    "python3-psycopg2 is needed for PostgreSQL (apt-get install python3-psycopg2)"
                ) from e
            self.kind = "postgresql"
            self.conn = psycopg2.connect(url)
            self.conn.autocommit = True
        else:
            raise SystemExit("database URL must be sqlite:PATH or postgresql://…: " + url)
        self.pg = self.kind == "postgresql"

    # --- statements -------------------------------------------------------------------------
    def q(self, sql, params):
        """`?` placeholders in, the driver's spelling out (psycopg2: %s, and a literal % doubled
        when there are parameters)."""
        if not self.pg or not params:
            return sql
        return sql.replace("%", "%%").replace("?", "%s")

    def execute(self, sql, params=()):
        cur = self.conn.cursor()
        if self.pg and not params:
            cur.execute(sql)
        else:
            cur.execute(self.q(sql, params), params)
        return cur

    def rows(self, sql, params=()):
        return self.execute(sql, params).fetchall()

    def one(self, sql, params=()):
        r = self.execute(sql, params).fetchone()
        return r

    def scalar(self, sql, params=()):
        r = self.one(sql, params)
        return None if r is None else r[0]

    def begin(self):
        self.execute("BEGIN")

    def commit(self):
        self.execute("COMMIT")

    def rollback(self):
        try:
            self.execute("ROLLBACK")
        except Exception:  # noqa: BLE001 — nothing to roll back
            pass

    def timed(self, sql, params=()):
        """Runs a query to the last row; returns (seconds, rows)."""
        t = time.perf_counter()
        rows = self.rows(sql, params)
        return time.perf_counter() - t, rows

    # --- dialect ----------------------------------------------------------------------------
    def day(self, base, offset_expr):
        """'YYYY-MM-DD' of the date `base` (a Python date) plus an integer SQL expression."""
        if self.pg:
            return f"to_char(DATE '{base.isoformat()}' + CAST(({offset_expr}) AS integer), 'YYYY-MM-DD')"
        return f"date('{base.isoformat()}', printf('%+d days', ({offset_expr})))"

    def plus_days(self, text_expr, days):
        if self.pg:
            return f"to_char(CAST(({text_expr}) AS date) + {int(days)}, 'YYYY-MM-DD')"
        return f"date(({text_expr}), '{int(days):+d} days')"

    def plus_months(self, text_expr, months):
        if self.pg:
            return (f"to_char(CAST(({text_expr}) AS date) + interval '{int(months)} months', "
                    f"'YYYY-MM-DD')")
        return f"date(({text_expr}), '+{int(months)} months')"

    def lpad(self, int_expr, width):
        if self.pg:
            return f"lpad(CAST(({int_expr}) AS text), {width}, '0')"
        return f"printf('%0{width}d', ({int_expr}))"

    def least(self, a, b):
        return f"LEAST(({a}), ({b}))" if self.pg else f"min(({a}), ({b}))"

    def greatest(self, a, b):
        return f"GREATEST(({a}), ({b}))" if self.pg else f"max(({a}), ({b}))"

    def series(self, count, col="n"):
        """(WITH prefix, FROM source) yielding rows n = 1..count."""
        count = int(count)
        if self.pg:
            return "", f"generate_series(1::bigint, {count}::bigint) AS s({col})"
        return (f"WITH RECURSIVE s({col}) AS (SELECT 1 UNION ALL SELECT {col} + 1 FROM s "
                f"WHERE {col} < {count})", "s")

    def close(self):
        self.conn.close()
