-- cohort: the valid cases in scope, with their site group and diagnosis year.      (metrics.md §0)
-- in:  clean_cases, cfg_site_groups(site_group, ord, prefix)
-- out: cohort(case_id, patient_id, diagnosis_date, reporting_unit, residence_region, site_group,
--      diagnosis_year), in-scope cases only: the columns the metric, worklist and plausibility SQL
--      read (the other case columns stay in clean_cases; copying them cost a third of this step)
-- The ICD-10 code is normalised (upper-case, '.' removed) and matched by prefix; the first matching
-- site group in registry.yaml order wins. Registries use few distinct codes, so each distinct code as
-- written is normalised and matched once, and the cases are joined to the result by that text.
CREATE TABLE cohort AS
WITH codes AS (
  SELECT DISTINCT icd10 FROM clean_cases
),
code_group AS (
  SELECT c.icd10, arg_min(g.site_group, g.ord) AS site_group
  FROM codes c
  JOIN cfg_site_groups g ON starts_with(upper(replace(c.icd10, '.', '')), g.prefix)
  GROUP BY c.icd10
)
SELECT c.case_id, c.patient_id, c.diagnosis_date, c.reporting_unit, c.residence_region, m.site_group, year(c.diagnosis_date) AS diagnosis_year
FROM clean_cases c
JOIN code_group m ON m.icd10 = c.icd10;
