-- A patient's primary coverage on a date: of the active priority-1 coverages in force that day,
-- the one that took effect last, so a new primary policy supersedes an older one whose end date
-- was never entered. The charge build and the group session's read model both ask here, so the
-- payer whose rules the room's preview applies is the payer the member's charge bills.
--
-- A STABLE, SECURITY INVOKER SQL function that is neither STRICT nor SET-bound, so a caller's
-- LATERAL call is inlined into its plan (one index probe per patient) and row-level security
-- applies as the calling role.
CREATE FUNCTION pm_primary_coverage(wanted_patient uuid, on_date date)
RETURNS TABLE (coverage_id uuid, payer_id uuid, member_id text)
LANGUAGE sql STABLE SECURITY INVOKER AS $$
  SELECT c.id, c.payer_id, c.member_id
  FROM pm_coverages c
  WHERE c.patient_id = wanted_patient AND c.active AND c.priority = 1
    AND c.effective_from <= on_date AND (c.effective_to IS NULL OR c.effective_to >= on_date)
  ORDER BY c.effective_from DESC, c.id
  LIMIT 1
$$;
