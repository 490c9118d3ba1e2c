-- PM-02: the last eligibility check of a coverage, recorded on the coverage. Reasons are codes
-- (e.g. COVERAGE_ENDED), never the member id or names.
ALTER TABLE pm_coverages
  ADD COLUMN eligibility_status text CHECK (eligibility_status IN ('eligible', 'ineligible')),
  ADD COLUMN eligibility_reasons text[] NOT NULL DEFAULT '{}',
  ADD COLUMN eligibility_checked_on date,
  ADD COLUMN eligibility_checked_at timestamptz,
  ADD CONSTRAINT pm_coverages_eligibility_checked
    CHECK ((eligibility_status IS NULL) = (eligibility_checked_at IS NULL) AND (eligibility_checked_at IS NULL) = (eligibility_checked_on IS NULL));
