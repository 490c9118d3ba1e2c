-- FA value-based-purchasing contracts: for one payer and one quality indicator, a performance
-- period, the tiers of target rates, the incentive terms and the amount withheld at risk.
-- payer_id names Practice Management's payer; the application checks it through the integration
-- layer, so there is no foreign key across cores. Rates and percents are basis points (1/100 of a
-- percent) so every comparison is integer arithmetic; money is cents.
CREATE TABLE fa_vbp_contracts (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  payer_id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  measure_id text NOT NULL CHECK (measure_id ~ '^[A-Z][A-Z0-9_]{1,63}$'),
  performance_period_start date NOT NULL,
  performance_period_end date NOT NULL,
  -- Tier n is reached when the rate is at least tier_minimum_rates_bp[n]; it earns
  -- tier_earned_bp[n] of the full incentive. Both strictly increase.
  tier_minimum_rates_bp int[] NOT NULL,
  tier_earned_bp int[] NOT NULL,
  incentive_kind text NOT NULL CHECK (incentive_kind IN ('fixed_amount', 'percent_of_pool')),
  incentive_amount_cents bigint CHECK (incentive_amount_cents >= 0),
  incentive_pool_cents bigint CHECK (incentive_pool_cents >= 0),
  incentive_pool_bp int CHECK (incentive_pool_bp BETWEEN 0 AND 10000),
  withhold_cents bigint NOT NULL CHECK (withhold_cents >= 0),
  base_revenue_cents bigint NOT NULL CHECK (base_revenue_cents >= 0),
  version int NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, id),
  CHECK (performance_period_end >= performance_period_start),
  CHECK (cardinality(tier_minimum_rates_bp) BETWEEN 1 AND 10 AND cardinality(tier_minimum_rates_bp) = cardinality(tier_earned_bp)),
  CHECK ((incentive_kind = 'fixed_amount' AND incentive_amount_cents IS NOT NULL AND incentive_pool_cents IS NULL AND incentive_pool_bp IS NULL)
      OR (incentive_kind = 'percent_of_pool' AND incentive_amount_cents IS NULL AND incentive_pool_cents IS NOT NULL AND incentive_pool_bp IS NOT NULL))
);
-- The consumer finds the contracts a result falls under by measure and period.
CREATE INDEX fa_vbp_contracts_measure ON fa_vbp_contracts (organization_id, measure_id, performance_period_start);
SELECT pf_enable_tenant_isolation('fa_vbp_contracts');
-- Contracts are changed, never removed (outcomes and the audit log refer to them).
REVOKE DELETE, TRUNCATE ON fa_vbp_contracts FROM careledger_app;

-- The quality results Finance has received (cl_quality_measure_period_calculated), one row per
-- (organization, measure, period): the newest calculation_version wins and an older one never
-- replaces it. Aggregates only.
CREATE TABLE fa_quality_results (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  measure_id text NOT NULL CHECK (measure_id ~ '^[A-Z][A-Z0-9_]{1,63}$'),
  period_start date NOT NULL,
  period_end date NOT NULL,
  denominator_count int NOT NULL CHECK (denominator_count >= 0),
  numerator_count int NOT NULL CHECK (numerator_count BETWEEN 0 AND denominator_count),
  calculation_version int NOT NULL CHECK (calculation_version >= 1),
  calculated_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, measure_id, period_start, period_end),
  CHECK (period_end >= period_start)
);
SELECT pf_enable_tenant_isolation('fa_quality_results');
REVOKE DELETE, TRUNCATE ON fa_quality_results FROM careledger_app;

-- What each result means under each contract it falls under: rebuilt whenever the result or the
-- contract changes, so the application deletes and inserts these rows.
CREATE TABLE fa_vbp_outcomes (
  organization_id uuid NOT NULL,
  contract_id uuid NOT NULL,
  measure_id text NOT NULL,
  period_start date NOT NULL,
  period_end date NOT NULL,
  calculation_version int NOT NULL,
  rate_bp int CHECK (rate_bp BETWEEN 0 AND 10000),
  tier_reached int CHECK (tier_reached >= 1),
  incentive_earned_cents bigint NOT NULL CHECK (incentive_earned_cents >= 0),
  at_risk_retained_cents bigint NOT NULL CHECK (at_risk_retained_cents >= 0),
  at_risk_lost_cents bigint NOT NULL CHECK (at_risk_lost_cents >= 0),
  quality_adjusted_revenue_cents bigint NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, contract_id, measure_id, period_start, period_end),
  FOREIGN KEY (organization_id, contract_id) REFERENCES fa_vbp_contracts (organization_id, id),
  FOREIGN KEY (organization_id, measure_id, period_start, period_end)
    REFERENCES fa_quality_results (organization_id, measure_id, period_start, period_end)
);
CREATE INDEX fa_vbp_outcomes_result ON fa_vbp_outcomes (organization_id, measure_id, period_start, period_end);
SELECT pf_enable_tenant_isolation('fa_vbp_outcomes');
REVOKE TRUNCATE ON fa_vbp_outcomes FROM careledger_app;
