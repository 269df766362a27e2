-- Issue 13: what the charge-order rules read of an order beyond its columns (money split,
-- SumPeriod, the time-of-use periods), kept at arrival in a compact text
-- (domain::EncodeOrderFacts), so that a batch run over a month of a city's orders parses no
-- JSON. NULL for orders stored before (and the rare order whose period times hold a separator):
-- those are read from their body.
ALTER TABLE charge_orders ADD COLUMN facts TEXT;
