-- Issue 13: on PostgreSQL the arriving orders' statements run on generic plans (planning a
-- partitioned table each time costs more than running the statement). A generic plan made while
-- a month's partition is new and not yet analysed cannot tell the start-time index from the
-- connector's (operator_ref, connector_id, start_time) index — both are estimated at one row —
-- and took the narrower start-time one for the overlap check: every order then read the whole
-- 48 hours of all connectors (0.97 ms instead of 0.07 ms per order, until autovacuum's first
-- ANALYZE of the partition replaced the plan, up to a minute later). A BRIN index keeps period
-- scans by StartTime cheap (orders arrive roughly in time order) and is never the better choice
-- for one connector's orders. SQLite keeps its B-tree.
-- [postgresql]
DROP INDEX charge_orders_start;
CREATE INDEX charge_orders_start ON charge_orders USING brin (start_time);
-- [end]
