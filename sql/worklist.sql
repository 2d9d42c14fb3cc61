-- worklist: cohort cases of the two target years that lack a form type as of the cut-off.
-- params: $year (Y; the list holds Y and Y-1), $as_of (T), $unit and $region ('' = all)
-- in:     cohort, clean_units, clean_forms, cfg_form_types
-- out:    one row per case: unit_code, unit_name, case_id, patient_id, diagnosis_date (ISO),
--         diagnosis_year, site_group, missing (the missing form types joined by '|', in
--         coverage.form_types order), region_code
-- The same population as coverage (metrics.md §1): attributed to the case's reporting unit, so a
-- unit's row count per form type equals denominator − numerator of its coverage row.
WITH registered AS (
  SELECT DISTINCT case_id, form_type FROM clean_forms WHERE registered_date <= $as_of::DATE
),
candidates AS (
  SELECT c.case_id, c.patient_id, c.diagnosis_date, c.diagnosis_year, c.site_group, c.reporting_unit, u.unit_name, u.region_code
  FROM cohort c
  JOIN clean_units u ON u.unit_code = c.reporting_unit
  WHERE c.diagnosis_date <= $as_of::DATE
    AND c.diagnosis_year IN ($year, $year - 1)
    AND ($unit = '' OR c.reporting_unit = $unit)
    AND ($region = '' OR u.region_code = $region)
),
missing AS (
  SELECT c.case_id, string_agg(t.form_type, '|' ORDER BY t.ord) AS missing
  FROM candidates c
  CROSS JOIN cfg_form_types t
  LEFT JOIN registered r ON r.case_id = c.case_id AND r.form_type = t.form_type
  WHERE r.case_id IS NULL
  GROUP BY c.case_id
)
SELECT c.reporting_unit AS unit_code, c.unit_name, c.case_id, c.patient_id,
       strftime(c.diagnosis_date, '%Y-%m-%d') AS diagnosis_date, c.diagnosis_year, c.site_group, m.missing,
       c.region_code
FROM candidates c
JOIN missing m ON m.case_id = c.case_id
ORDER BY c.reporting_unit, c.diagnosis_date, c.case_id;
