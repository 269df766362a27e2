-- Issue 13: the overlap check of an arriving order (exchange rule 3) asks for the orders of its
-- connector that started at most 48 hours before it and end after it starts. Orders arrive
-- roughly in time order, so on a busy connector almost all of the 48 hours' orders end before
-- the new one starts: indexed by start time, the lookup read each of them from the table (about
-- 30 on the benchmark's connectors, 34 pages per probe) to keep one or none. Indexed by end time
-- (then start time, so that the start-time bounds are checked in the index too), it reads only
-- the orders that end after the new one starts: usually one index page and no row that is
-- thrown away. Nothing else reads orders by connector. Both databases.
DROP INDEX charge_orders_connector;
CREATE INDEX charge_orders_connector_end ON charge_orders(operator_ref, connector_id, end_time, start_time);
