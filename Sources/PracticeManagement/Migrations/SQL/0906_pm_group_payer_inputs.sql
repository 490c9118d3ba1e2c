-- Coverages choose each participant's primary payer, the payers' names break ties, and the
-- supervision rules and group-size bands are the payer's rules: every change to them moves the
-- organization's group payer version (Platform 0904), so a server's kept payer is read again at
-- the next mark. Statement triggers, one per event (each names its transition table).
CREATE TRIGGER pm_coverages_group_payer_insert AFTER INSERT ON pm_coverages
REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION pf_group_payer_rows_changed();
CREATE TRIGGER pm_coverages_group_payer_update AFTER UPDATE ON pm_coverages
REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION pf_group_payer_rows_changed();
CREATE TRIGGER pm_coverages_group_payer_delete AFTER DELETE ON pm_coverages
REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION pf_group_payer_rows_changed();

CREATE TRIGGER pm_payers_group_payer_insert AFTER INSERT ON pm_payers
REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION pf_group_payer_rows_changed();
CREATE TRIGGER pm_payers_group_payer_update AFTER UPDATE ON pm_payers
REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION pf_group_payer_rows_changed();
CREATE TRIGGER pm_payers_group_payer_delete AFTER DELETE ON pm_payers
REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION pf_group_payer_rows_changed();

CREATE TRIGGER pm_supervision_rules_group_payer_insert AFTER INSERT ON pm_supervision_rules
REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION pf_group_payer_rows_changed();
CREATE TRIGGER pm_supervision_rules_group_payer_update AFTER UPDATE ON pm_supervision_rules
REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION pf_group_payer_rows_changed();
CREATE TRIGGER pm_supervision_rules_group_payer_delete AFTER DELETE ON pm_supervision_rules
REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION pf_group_payer_rows_changed();

CREATE TRIGGER pm_group_size_bands_group_payer_insert AFTER INSERT ON pm_group_size_bands
REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION pf_group_payer_rows_changed();
CREATE TRIGGER pm_group_size_bands_group_payer_update AFTER UPDATE ON pm_group_size_bands
REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION pf_group_payer_rows_changed();
CREATE TRIGGER pm_group_size_bands_group_payer_delete AFTER DELETE ON pm_group_size_bands
REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION pf_group_payer_rows_changed();
