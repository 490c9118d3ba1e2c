-- A delivery now covers what one publishing transaction wrote for one subscriber (all its events of
-- one type), not one event: the bus wrote five row versions and about seven index entries per event
-- and subscriber, against one row for the event itself, and the foreign key to the outbox took a
-- key-share lock on every fresh event. A delivery whose batch fails is split into one delivery per
-- event, so retries, back-off and dead letters stay per event.

CREATE TABLE pf_event_deliveries_before_0041 AS
  SELECT organization_id, event_id, subscriber, status, attempts, next_attempt_at, last_error, delivered_at
  FROM pf_event_deliveries;

DROP FUNCTION pf_claim_deliveries(int, int);
DROP TABLE pf_event_deliveries;

-- event_ids are in publishing order. There is no foreign key to the outbox (an array cannot carry
-- one); the bus writes the events and their delivery in one statement, and the outbox is append-only.
CREATE TABLE pf_event_deliveries (
  organization_id uuid NOT NULL,
  id uuid NOT NULL,
  subscriber text NOT NULL,
  event_ids uuid[] NOT NULL CHECK (cardinality(event_ids) >= 1),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  delivered_at timestamptz,
  PRIMARY KEY (organization_id, id),
  -- A dead delivery holds exactly the one event that kept failing: only single-event deliveries are retried to death.
  CHECK (status <> 'dead' OR cardinality(event_ids) = 1)
);
CREATE INDEX pf_event_deliveries_due ON pf_event_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX pf_event_deliveries_dead ON pf_event_deliveries (organization_id) WHERE status = 'dead';
SELECT pf_enable_tenant_isolation('pf_event_deliveries');

INSERT INTO pf_event_deliveries (organization_id, id, subscriber, event_ids, status, attempts, next_attempt_at, last_error, delivered_at)
SELECT organization_id, gen_random_uuid(), subscriber, ARRAY[event_id], status, attempts, next_attempt_at, last_error, delivered_at
FROM pf_event_deliveries_before_0041;
DROP TABLE pf_event_deliveries_before_0041;

-- Claims due deliveries for a dispatcher until they hold p_limit events (at least one delivery,
-- whatever its size), pushing each one's next attempt past the lease, and returns their events in
-- publishing order. Rows are fetched and locked one at a time, so a dispatcher locks only what it
-- claims and SKIP LOCKED lets several run side by side. Its statements are planned on every call: a
-- plan cached while the outbox looked empty (statistics taken at install, or after a clean-up) would
-- go on hashing the whole outbox, and the whole delivery table, for every claim as they grow.
CREATE FUNCTION pf_claim_deliveries(p_limit int, p_lease_ms int)
RETURNS TABLE (organization_id uuid, delivery_id uuid, event_id uuid, subscriber text, attempts int, event_type text,
               version int, payload jsonb, correlation_id uuid, occurred_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public SET plan_cache_mode = force_custom_plan AS $$
#variable_conflict use_column
DECLARE
  due CURSOR FOR
    SELECT d.organization_id, d.id, cardinality(d.event_ids) AS events
    FROM pf_event_deliveries d
    WHERE d.status = 'pending' AND d.next_attempt_at <= clock_timestamp()
    ORDER BY d.next_attempt_at
    FOR UPDATE SKIP LOCKED;
  candidate record;
  organizations uuid[] := '{}';
  ids uuid[] := '{}';
  events int := 0;
BEGIN
  OPEN due;
  WHILE events < p_limit LOOP
    FETCH due INTO candidate;
    EXIT WHEN NOT FOUND;
    organizations := organizations || candidate.organization_id;
    ids := ids || candidate.id;
    events := events + candidate.events;
  END LOOP;
  CLOSE due;
  RETURN QUERY
    WITH claimed AS (
      UPDATE pf_event_deliveries d
      SET attempts = d.attempts + 1,
          next_attempt_at = clock_timestamp() + make_interval(secs => p_lease_ms / 1000.0)
      FROM unnest(organizations, ids) AS c(organization_id, id)
      WHERE d.organization_id = c.organization_id AND d.id = c.id
      RETURNING d.organization_id, d.id, d.subscriber, d.attempts, d.event_ids
    )
    SELECT c.organization_id, c.id, e.event_id, c.subscriber, c.attempts, o.event_type, o.version, o.payload,
           o.correlation_id, o.occurred_at
    FROM claimed c
    CROSS JOIN LATERAL unnest(c.event_ids) WITH ORDINALITY AS e(event_id, position)
    JOIN pf_event_outbox o ON o.organization_id = c.organization_id AND o.id = e.event_id
    ORDER BY array_position(ids, c.id), e.position;
END $$;
REVOKE ALL ON FUNCTION pf_claim_deliveries(int, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pf_claim_deliveries(int, int) TO careledger_app;
