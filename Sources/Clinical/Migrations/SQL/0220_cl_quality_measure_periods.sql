-- CL-15 / CL-35: one row per finalized calculation of a quality indicator for a measurement
-- period. Aggregates only: no patient id, name or date of birth ever lands here. A recalculation
-- adds a row with the next calculation_version; rows are never updated or deleted, so the history
-- of what was published to Finance stays as it was published.
CREATE TABLE cl_quality_measure_periods (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  measure_id text NOT NULL CHECK (measure_id ~ '^[A-Z][A-Z0-9_]{1,63}$'),
  period_start date NOT NULL,
  period_end date NOT NULL,
  denominator_count int NOT NULL CHECK (denominator_count >= 0),
  numerator_count int NOT NULL CHECK (numerator_count >= 0 AND numerator_count <= denominator_count),
  -- numerator ÷ denominator as a fraction 0–1; NULL when the denominator is empty.
  rate numeric(5, 4) CHECK (rate BETWEEN 0 AND 1),
  calculation_version int NOT NULL CHECK (calculation_version >= 1),
  calculated_at timestamptz NOT NULL,
  -- The user who finalized it; NULL when the period-end job did.
  calculated_by uuid,
  -- The event's metadata exactly as published (aggregate counts, source system, timestamp).
  metadata jsonb NOT NULL DEFAULT '{}',
  published_event_id uuid NOT NULL,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, measure_id, period_start, period_end, calculation_version),
  FOREIGN KEY (organization_id, published_event_id) REFERENCES pf_event_outbox (organization_id, id),
  CHECK (period_end >= period_start),
  CHECK ((denominator_count = 0) = (rate IS NULL))
);
-- Reads by period (the quality page, getQualityMeasureResults) find the latest version first.
CREATE INDEX cl_quality_measure_periods_period
  ON cl_quality_measure_periods (organization_id, period_start, period_end, measure_id, calculation_version DESC);
SELECT pf_enable_tenant_isolation('cl_quality_measure_periods');
REVOKE UPDATE, DELETE, TRUNCATE ON cl_quality_measure_periods FROM careledger_app;
