-- Financial counseling's key in the module settings (seed 002): the estimated patient
-- responsibility, in cents, above which a cost estimate opens a counseling referral.
-- NULL means "not set": the product default ($1,000) applies.
ALTER TABLE pm_module_settings
  ADD COLUMN financial_clearance_threshold bigint CHECK (financial_clearance_threshold >= 0);
