-- The claim returns one row per delivery, its events as arrays in publishing order, instead of one
-- row of ten columns per event. The delivery's own fields (organization, id, subscriber, attempt)
-- and what all of its events share were sent again with every event, and the dispatcher decoded
-- each of those rows column by column: under `bench events` decoding the claim's rows was about
-- 4.7% of all CPU samples (docs/BENCHMARKS.md).
--
-- What a delivery's events share: the bus writes a delivery and its events in one statement, for
-- one contract (one type and version) in one transaction (one correlation id); a delivery split
-- after a failure holds one event. So the type, version and correlation id are read once per
-- delivery. event_ids lists the events found in the outbox, aligned with payloads and
-- occurred_at (an id with no outbox row is left out, as the join per event left it out).
DROP FUNCTION pf_claim_deliveries(int, int);

CREATE FUNCTION pf_claim_deliveries(p_limit int, p_lease_ms int)
RETURNS TABLE (organization_id uuid, delivery_id uuid, subscriber text, attempts int, event_type text, version int,
               correlation_id uuid, event_ids uuid[], payloads text[], occurred_at timestamptz[])
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public SET plan_cache_mode = force_custom_plan SET enable_bitmapscan = off AS $$
#variable_conflict use_column
DECLARE
  due CURSOR (p_now timestamptz) FOR
    SELECT d.organization_id, d.id, cardinality(d.event_ids) AS events
    FROM pf_event_deliveries d
    WHERE d.status = 'pending' AND d.next_attempt_at <= p_now
    ORDER BY d.next_attempt_at
    FOR UPDATE SKIP LOCKED;
  candidate record;
  organizations uuid[] := '{}';
  ids uuid[] := '{}';
  events int := 0;
BEGIN
  OPEN due(clock_timestamp());
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
    SELECT c.organization_id, c.id, c.subscriber, c.attempts, e.event_type, e.version, e.correlation_id,
           e.event_ids, e.payloads, e.occurred_at
    FROM claimed c
    CROSS JOIN LATERAL (
      SELECT (array_agg(o.event_type))[1] AS event_type, (array_agg(o.version))[1] AS version,
             (array_agg(o.correlation_id))[1] AS correlation_id,
             array_agg(o.id ORDER BY u.position) AS event_ids,
             array_agg(o.payload::text ORDER BY u.position) AS payloads,
             array_agg(o.occurred_at ORDER BY u.position) AS occurred_at
      FROM unnest(c.event_ids) WITH ORDINALITY AS u(event_id, position)
      JOIN pf_event_outbox o ON o.organization_id = c.organization_id AND o.id = u.event_id
    ) e
    WHERE e.event_ids IS NOT NULL
    ORDER BY array_position(ids, c.id);
END $$;
REVOKE ALL ON FUNCTION pf_claim_deliveries(int, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pf_claim_deliveries(int, int) TO careledger_app;
