-- The claim reads by key, the way its statements are written for.
--
-- * The scan of due deliveries stops at the first one not yet due, instead of reading every
--   pending delivery: 0041's cursor compared next_attempt_at with clock_timestamp(), and a volatile
--   function cannot bound an index scan. The time is now read once and passed as the cursor's
--   parameter, which each custom plan takes as a constant: an index scan in due order that the
--   cursor's fetches stop early.
-- * Each claimed event's outbox row (and each delivery's row) is fetched through its primary key
--   with a plain index scan. Planned against statistics taken while the outbox was small (the last
--   ANALYZE before a burst of publishing), the join expected several rows per key and built a
--   bitmap for every probe: under `bench events` the claim was 17% of the busy CPU, 5% of all
--   samples in those bitmaps, and a claim of 1,100 events took 11.6 ms on average against 8.0 ms
--   with index scans (docs/BENCHMARKS.md). A key's probe finds one row, so a bitmap never pays here.
CREATE OR REPLACE FUNCTION pf_claim_deliveries(p_limit int, p_lease_ms int)
RETURNS TABLE (organization_id uuid, delivery_id uuid, event_id uuid, subscriber text, attempts int, event_type text,
               version int, payload jsonb, correlation_id uuid, occurred_at timestamptz)
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
    SELECT c.organization_id, c.id, e.event_id, c.subscriber, c.attempts, o.event_type, o.version, o.payload,
           o.correlation_id, o.occurred_at
    FROM claimed c
    CROSS JOIN LATERAL unnest(c.event_ids) WITH ORDINALITY AS e(event_id, position)
    JOIN pf_event_outbox o ON o.organization_id = c.organization_id AND o.id = e.event_id
    ORDER BY array_position(ids, c.id), e.position;
END $$;
