-- coverage: registry completeness (dekningsgrad / täckningsgrad)                  metrics.md §1
-- params: $first_year, $year  the trend years first_year..year
--         $as_of              the cut-off date T
-- in:     cohort, clean_units, clean_forms, cfg_form_types(form_type, ord)
-- out:    form_type, year, level, "group", numerator, denominator
--   denominator: cohort cases diagnosed in the year, on or before T;
--   numerator:   those with at least one form of the type (any unit) registered on or before T.
-- Attributed to the case's reporting unit (unit level) and that unit's region (region level).
WITH denominator AS (
  SELECT c.case_id, c.diagnosis_year AS year, c.reporting_unit AS unit_code, u.region_code
  FROM cohort c
  JOIN clean_units u ON u.unit_code = c.reporting_unit
  WHERE c.diagnosis_date <= $as_of::DATE
    AND c.diagnosis_year BETWEEN $first_year AND $year
),
registered AS (
  SELECT DISTINCT case_id, form_type
  FROM clean_forms
  WHERE registered_date <= $as_of::DATE
),
by_form_type AS (
  SELECT t.form_type, d.year, d.unit_code, d.region_code, r.case_id IS NOT NULL AS has_form
  FROM denominator d
  CROSS JOIN cfg_form_types t
  LEFT JOIN registered r ON r.case_id = d.case_id AND r.form_type = t.form_type
)
SELECT
  form_type,
  year,
  CASE WHEN GROUPING(region_code) = 0 THEN 'region' WHEN GROUPING(unit_code) = 0 THEN 'unit' ELSE 'national' END AS level,
  CASE WHEN GROUPING(region_code) = 0 THEN region_code WHEN GROUPING(unit_code) = 0 THEN unit_code ELSE 'ALL' END AS "group",
  count(*) FILTER (WHERE has_form) AS numerator,
  count(*) AS denominator
FROM by_form_type
GROUP BY GROUPING SETS ((form_type, year), (form_type, year, region_code), (form_type, year, unit_code));
