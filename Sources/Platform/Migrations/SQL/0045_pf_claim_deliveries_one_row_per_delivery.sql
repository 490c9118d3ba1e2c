-- The claim returns one row per delivery, its events as arrays in publishing order, and reads a
-- delivery's events from the outbox as one key range.
--
-- * One row per delivery instead of one row of ten columns per event: the delivery's own fields
--   (organization, id, subscriber, attempt) and what all of its events share were sent again with
--   every event, and the dispatcher decoded each of those rows column by column (under
--   `bench events`, about 4.7% of all CPU samples). A delivery's events share their type, version
--   and correlation id: the bus writes a delivery and its events in one statement, for one contract
--   in one transaction, and a delivery split after a failure holds one event.
-- * One key range per delivery instead of one index descent per event. The bus's event ids are
--   time-ordered and ascend within a publish (`UUID.timeOrdered`), so a delivery's events are the
--   outbox rows of its organization from its first id to its last. The range is used only when
--   the ids it finds are exactly the delivery's, in the delivery's order; otherwise (a delivery
--   written with random ids before the bus made them time-ordered, an event of another publish
--   inside the range, a missing row) its events are read one key at a time, in the delivery's
--   order, as before. The range stops one row past the delivery's size, so a delivery whose
--   first and last ids lie far apart (random ids) costs one row more than it holds, not the
--   organization's outbox between them. A claim of 1,100 events in 11 deliveries took 1.4 ms against 3.0 ms
--   (docs/BENCHMARKS.md).
--
-- event_ids lists the events found in the outbox, aligned with payloads and occurred_at (an id
-- with no outbox row is left out, as the join per event left it out).
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
    SELECT c.organization_id, c.id, c.subscriber, c.attempts,
           CASE WHEN m.matched THEN r.event_type ELSE k.event_type END,
           CASE WHEN m.matched THEN r.version ELSE k.version END,
           CASE WHEN m.matched THEN r.correlation_id ELSE k.correlation_id END,
           CASE WHEN m.matched THEN r.event_ids ELSE k.event_ids END,
           CASE WHEN m.matched THEN r.payloads ELSE k.payloads END,
           CASE WHEN m.matched THEN r.occurred_at ELSE k.occurred_at END
    FROM claimed c
    CROSS JOIN LATERAL (
      SELECT (array_agg(o.event_type))[1] AS event_type, (array_agg(o.version))[1] AS version,
             (array_agg(o.correlation_id))[1] AS correlation_id,
             array_agg(o.id) AS event_ids, array_agg(o.payload::text) AS payloads, array_agg(o.occurred_at) AS occurred_at
      FROM (SELECT o.event_type, o.version, o.correlation_id, o.id, o.payload, o.occurred_at
            FROM pf_event_outbox o
            WHERE o.organization_id = c.organization_id AND o.id BETWEEN c.event_ids[1] AND c.event_ids[cardinality(c.event_ids)]
            ORDER BY o.id
            LIMIT cardinality(c.event_ids) + 1) o
    ) r
    CROSS JOIN LATERAL (SELECT coalesce(r.event_ids = c.event_ids, false) AS matched) m
    CROSS JOIN LATERAL (
      SELECT (array_agg(o.event_type))[1] AS event_type, (array_agg(o.version))[1] AS version,
             (array_agg(o.correlation_id))[1] AS correlation_id,
             array_agg(o.id ORDER BY u.position) AS event_ids,
             array_agg(o.payload::text ORDER BY u.position) AS payloads,
             array_agg(o.occurred_at ORDER BY u.position) AS occurred_at
      FROM unnest(c.event_ids) WITH ORDINALITY AS u(event_id, position)
      JOIN pf_event_outbox o ON o.organization_id = c.organization_id AND o.id = u.event_id
      WHERE NOT m.matched
    ) k
    WHERE m.matched OR k.event_ids IS NOT NULL
    ORDER BY array_position(ids, c.id);
END $$;
REVOKE ALL ON FUNCTION pf_claim_deliveries(int, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pf_claim_deliveries(int, int) TO careledger_app;
