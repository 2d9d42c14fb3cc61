-- coverage: registry completeness (dekningsgrad / täckningsgrad)                  metrics.md §1
-- params: $first_year, $year  the trend years first_year..year
--         $as_of              the cut-off date T
-- in:     cohort, clean_units, clean_forms, cfg_form_types(form_type, ord)
-- out:    form_type, year, level, "group", numerator, denominator
--   denominator: cohort cases diagnosed in the year, on or before T;
--   numerator:   those with at least one form of the type (any unit) registered on or before T.
-- Attributed to the case's reporting unit (unit level) and that unit's region (region level).
-- The cases are counted once per unit and year (by the set of form types they have, as bits of the
-- types' ord); the region and national rows are sums of those counts, which is exact for counts.
WITH denominator AS (
  SELECT c.case_id, c.diagnosis_year AS year, c.reporting_unit AS unit_code
  FROM cohort c
  WHERE c.diagnosis_date <= $as_of::DATE
    AND c.diagnosis_year BETWEEN $first_year AND $year
),
registered AS (
  SELECT f.case_id, bit_or(1::BIGINT << t.ord) AS types
  FROM clean_forms f
  JOIN cfg_form_types t ON t.form_type = f.form_type
  WHERE f.registered_date <= $as_of::DATE
  GROUP BY f.case_id
),
by_types AS (
  SELECT d.year, d.unit_code, coalesce(r.types, 0) AS types, count(*) AS n
  FROM denominator d
  LEFT JOIN registered r ON r.case_id = d.case_id
  GROUP BY ALL
),
by_unit AS (
  SELECT t.form_type, b.year, b.unit_code, u.region_code,
         coalesce(sum(b.n) FILTER (WHERE (b.types >> t.ord) & 1 = 1), 0) AS numerator,
         sum(b.n) AS denominator
  FROM by_types b
  JOIN clean_units u ON u.unit_code = b.unit_code
  CROSS JOIN cfg_form_types t
  GROUP BY ALL
)
SELECT
  form_type,
  year,
  CASE WHEN GROUPING(region_code) = 0 THEN 'region' WHEN GROUPING(unit_code) = 0 THEN 'unit' ELSE 'national' END AS level,
  CASE WHEN GROUPING(region_code) = 0 THEN region_code WHEN GROUPING(unit_code) = 0 THEN unit_code ELSE 'ALL' END AS "group",
  sum(numerator)::BIGINT AS numerator,
  sum(denominator)::BIGINT AS denominator
FROM by_unit
GROUP BY GROUPING SETS ((form_type, year), (form_type, year, region_code), (form_type, year, unit_code));
