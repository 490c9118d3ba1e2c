-- HHS poverty guidelines (PM-32): data, not code. One row per guideline year and region: the
-- guideline for a household is first_person + (size - 1) × additional_person. Reference data
-- shared by every organization (no organization_id); a year is added by an import and never
-- changed afterwards, so the application may read and insert but not update or delete.
CREATE TABLE pm_poverty_guidelines (
  year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  region text NOT NULL CHECK (region IN ('contiguous', 'alaska', 'hawaii')),
  effective_from date NOT NULL,
  first_person_cents bigint NOT NULL CHECK (first_person_cents > 0),
  additional_person_cents bigint NOT NULL CHECK (additional_person_cents > 0),
  source text NOT NULL CHECK (length(source) BETWEEN 1 AND 300),
  imported_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (year, region),
  UNIQUE (region, effective_from)
);
GRANT SELECT, INSERT ON pm_poverty_guidelines TO careledger_app;
REVOKE UPDATE, DELETE ON pm_poverty_guidelines FROM careledger_app;

-- 2025: Federal Register 90 FR 5917 (FR Doc 2025-01377, January 17, 2025), effective January 15, 2025.
-- 2026: HHS annual update, effective January 13, 2026.
INSERT INTO pm_poverty_guidelines (year, region, effective_from, first_person_cents, additional_person_cents, source) VALUES
  (2025, 'contiguous', '2025-01-15', 1565000, 550000, 'HHS poverty guidelines 2025, 90 FR 5917'),
  (2025, 'alaska',     '2025-01-15', 1955000, 688000, 'HHS poverty guidelines 2025, 90 FR 5917'),
  (2025, 'hawaii',     '2025-01-15', 1799000, 633000, 'HHS poverty guidelines 2025, 90 FR 5917'),
  (2026, 'contiguous', '2026-01-13', 1596000, 568000, 'HHS poverty guidelines 2026'),
  (2026, 'alaska',     '2026-01-13', 1995000, 710000, 'HHS poverty guidelines 2026'),
  (2026, 'hawaii',     '2026-01-13', 1836000, 653000, 'HHS poverty guidelines 2026');
