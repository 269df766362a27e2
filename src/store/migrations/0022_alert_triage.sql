-- Issue 13: the district regulator's triage of the charge-order alerts (open → dismissed with a
-- reason, or → inspection with the targeted inspection task made from it), targeted inspection
-- tasks (线索核查: one enterprise fixed, only the inspectors drawn), the connectors' status as
-- the platform reports it (notification_stationStatus) and the operators' time-of-use tariffs.
ALTER TABLE charge_alerts ADD COLUMN dismiss_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE charge_alerts ADD COLUMN inspection_task_id BIGINT;
ALTER TABLE charge_alerts ADD COLUMN handled_by BIGINT;
ALTER TABLE charge_alerts ADD COLUMN handled_at BIGINT;
CREATE INDEX charge_alerts_order ON charge_alerts(order_ref);

ALTER TABLE inspection_tasks ADD COLUMN target_org_id BIGINT;
ALTER TABLE inspection_tasks ADD COLUMN basis TEXT NOT NULL DEFAULT '';

CREATE TABLE platform_connector_status (
  id {{ID}},
  operator_ref BIGINT NOT NULL REFERENCES tcec_operators(id),
  connector_id TEXT NOT NULL,
  status INTEGER NOT NULL,       -- ConnectorStatusInfo.Status: 0 offline, 1 idle, 2/3 occupied, 4 reserved, 255 fault
  updated_at BIGINT NOT NULL,
  UNIQUE (operator_ref, connector_id)
);
