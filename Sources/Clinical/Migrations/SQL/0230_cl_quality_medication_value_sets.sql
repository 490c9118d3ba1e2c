-- Issue 19: value sets beyond diagnoses. Major depression (ICD-10-CM) for AMM; antidepressant
-- medications (RxNorm or NDC) for AMM; SUD treatment procedures (CPT or HCPCS), alcohol and opioid
-- use disorder medications and long-acting injections or implants (RxNorm, NDC or HCPCS) for IET.
-- Medication and procedure codes are matched exactly, diagnosis codes as prefixes, so a code may
-- now start with a digit (RxNorm, NDC, CPT) and NDCs are stored as 11 digits without hyphens.
ALTER TABLE cl_quality_value_set_codes DROP CONSTRAINT cl_quality_value_set_codes_value_set_check;
ALTER TABLE cl_quality_value_set_codes DROP CONSTRAINT cl_quality_value_set_codes_code_system_check;
ALTER TABLE cl_quality_value_set_codes DROP CONSTRAINT cl_quality_value_set_codes_code_check;
ALTER TABLE cl_quality_value_set_codes ADD CONSTRAINT cl_quality_value_set_codes_value_set_check CHECK (value_set IN (
  'mental_illness', 'intentional_self_harm', 'mental_health_diagnosis', 'alcohol_and_other_drug',
  'major_depression', 'antidepressant_medication', 'sud_treatment_procedure', 'sud_medication', 'long_acting_sud_medication'));
ALTER TABLE cl_quality_value_set_codes ADD CONSTRAINT cl_quality_value_set_codes_code_system_check
  CHECK (code_system IN ('ICD10CM', 'CPT', 'HCPCS', 'RXNORM', 'NDC'));
ALTER TABLE cl_quality_value_set_codes ADD CONSTRAINT cl_quality_value_set_codes_code_check CHECK (
  CASE code_system
    WHEN 'ICD10CM' THEN code ~ '^[A-Z][A-Z0-9]{1,6}$'
    WHEN 'NDC' THEN code ~ '^[0-9]{11}$'
    WHEN 'RXNORM' THEN code ~ '^[0-9]{1,12}$'
    ELSE code ~ '^[A-Z0-9]{5}$'
  END);
-- AMM reads dispensings of one kind over a year and more, by patient and date.
CREATE INDEX cl_external_treatment_events_kind ON cl_external_treatment_events (organization_id, resource_type, event_date);
-- A treatment event's code as value sets hold it: NDCs sent hyphenated (4-4-2, 5-3-2, 5-4-1,
-- 5-4-2) become the 11-digit 5-4-2 form, the same rule as ValueSetCode in Swift; others as stored.
CREATE FUNCTION cl_quality_code(code_system text, code text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN code_system <> 'NDC' THEN code
    WHEN code ~ '^[0-9]{4}-[0-9]{4}-[0-9]{2}$' THEN '0' || replace(code, '-', '')
    WHEN code ~ '^[0-9]{5}-[0-9]{3}-[0-9]{2}$' THEN substr(code, 1, 5) || '0' || substr(code, 7, 3) || substr(code, 11, 2)
    WHEN code ~ '^[0-9]{5}-[0-9]{4}-[0-9]$' THEN substr(code, 1, 5) || substr(code, 7, 4) || '0' || substr(code, 12, 1)
    ELSE replace(code, '-', '')
  END
$$;
