-- Names the transaction's organization (read by every row-level security policy through
-- pf_current_organization_id) and its correlation id, both local to the transaction. The one
-- definition of how a unit of work enters its tenant: Database.withTenant calls it right after
-- BEGIN, and a function that runs as a transaction of its own (one statement, committed when it
-- ends) calls it before it touches a tenant table. plpgsql, not SQL: it runs on every request,
-- and a SQL function that cannot be inlined is planned again on every call.
CREATE FUNCTION pf_enter_tenant(organization uuid, correlation uuid) RETURNS void
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM set_config('app.organization_id', organization::text, true), set_config('app.correlation_id', correlation::text, true);
END $$;
