-- Issue 13: on PostgreSQL the ingest's two big tables, the kept envelopes and the charge orders,
-- no longer check their operator with a foreign key. Each check is a query and a row lock on the
-- operator's account per stored row: interleaved 100 000-order benchmark runs spent 13–18 % less
-- of PostgreSQL's CPU without them (docs/performance.md). What the keys guarded is kept another
-- way: envelopes and orders are stored for an account read or confirmed in the same transaction
-- (the writer's statement checks it is still there and active: store::KeepConfirmedTcecEnvelopes),
-- and an account is never deleted, only disabled: the trigger below refuses a DELETE. The smaller
-- tables keep their keys; SQLite keeps all of them.
-- [postgresql]
ALTER TABLE tcec_envelopes DROP CONSTRAINT IF EXISTS tcec_envelopes_operator_ref_fkey;
ALTER TABLE charge_orders DROP CONSTRAINT IF EXISTS charge_orders_by_month_operator_ref_fkey;
CREATE FUNCTION tcec_operators_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'operator account % is kept with its envelopes and orders: disable it instead', OLD.id;
END $$;
CREATE TRIGGER tcec_operators_kept BEFORE DELETE ON tcec_operators
  FOR EACH ROW EXECUTE FUNCTION tcec_operators_kept();
-- [end]
