-- The statement's adjustment arithmetic in SQL, so a statement run prices its lines set-based
-- (PatientStatements) instead of decoding every charge into Swift. SlidingFeeCharge.adjustment
-- is the rule: a discount percent rounded half up to the cent, or everything above a nominal
-- fee; nothing on a responsibility of 0 or less. StatementPricingParityTests hold this function
-- to it case by case. One expression, IMMUTABLE, so the planner inlines it.
CREATE FUNCTION pm_fee_adjustment_cents(responsibility_cents bigint, discount_percent int, nominal_fee_cents bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN responsibility_cents <= 0 THEN 0::bigint
    WHEN discount_percent IS NOT NULL THEN (responsibility_cents * discount_percent * 2 + 100) / 200
    WHEN nominal_fee_cents IS NOT NULL THEN greatest(0, responsibility_cents - nominal_fee_cents)
    ELSE 0::bigint
  END
$$;
GRANT EXECUTE ON FUNCTION pm_fee_adjustment_cents(bigint, int, bigint) TO careledger_app;
