-- PF-96 profile key read by financial counseling (seed 002): the estimated patient responsibility,
-- in cents, above which a cost estimate opens a counseling referral. NULL: the profile sets none.
ALTER TABLE pf_jurisdiction_profiles
  ADD COLUMN financial_clearance_threshold bigint CHECK (financial_clearance_threshold BETWEEN 0 AND 100000000);
