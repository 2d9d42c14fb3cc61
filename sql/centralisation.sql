-- centralisation: share of treated patients whose first treatment was at a designated centre  metrics.md §2
-- params: $first_year, $year, $as_of
-- in:     cohort, clean_units(centre_for), clean_forms, cfg_centralisation_treatments(treatment_type)
-- out:    site_group ('ALL' or an id), year, level, "group", numerator, denominator
--   population:      cohort cases diagnosed in the year (on or before T) with a treatment form of a
--                    counted treatment type registered on or before T;
--   first treatment: earliest treatment_date, ties broken by the smallest form_id (string order);
--   numerator:       first treatment_unit lists the case's site group in centre_for.
-- Levels: national, and region = the patient's residence region.
WITH unit_centres AS (
  SELECT DISTINCT unit_code, trim(site_group) AS site_group
  FROM (SELECT unit_code, unnest(string_split(centre_for, '|')) AS site_group FROM clean_units WHERE centre_for IS NOT NULL)
),
treatments AS (
  SELECT case_id, form_id, treatment_date, treatment_unit
  FROM clean_forms
  WHERE form_type = 'treatment'
    AND treatment_type IN (SELECT treatment_type FROM cfg_centralisation_treatments)
    AND registered_date <= $as_of::DATE
),
-- (form ids are unique among valid forms, so the pair (date, form_id) picks one form, as an ordered
-- first() would, without sorting each case's forms)
first_treatment AS (
  SELECT case_id, arg_min(treatment_unit, (treatment_date, form_id)) AS treatment_unit
  FROM treatments
  GROUP BY case_id
),
-- counted once per year, site group and region; the coarser rows are sums of these counts
population AS (
  SELECT c.diagnosis_year AS year, c.site_group, c.residence_region AS region_code,
         count(*) FILTER (WHERE uc.unit_code IS NOT NULL) AS at_centre, count(*) AS n
  FROM cohort c
  JOIN first_treatment f ON f.case_id = c.case_id
  LEFT JOIN unit_centres uc ON uc.unit_code = f.treatment_unit AND uc.site_group = c.site_group
  WHERE c.diagnosis_date <= $as_of::DATE
    AND c.diagnosis_year BETWEEN $first_year AND $year
  GROUP BY ALL
)
SELECT
  CASE WHEN GROUPING(site_group) = 0 THEN site_group ELSE 'ALL' END AS site_group,
  year,
  CASE WHEN GROUPING(region_code) = 0 THEN 'region' ELSE 'national' END AS level,
  CASE WHEN GROUPING(region_code) = 0 THEN region_code ELSE 'ALL' END AS "group",
  sum(at_centre)::BIGINT AS numerator,
  sum(n)::BIGINT AS denominator
FROM population
GROUP BY GROUPING SETS ((year, site_group), (year), (year, site_group, region_code), (year, region_code));
