-- The billing preview reads a payer's bands in one state on every attendance mark.
CREATE INDEX pm_group_size_bands_payer_state ON pm_group_size_bands (organization_id, payer_id, state_code);
