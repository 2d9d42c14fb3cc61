-- pathway_time: compliance with the interval norms and median days               metrics.md §3
-- params: $first_year, $year
-- in:     pathway_intervals, clean_units
-- out:    interval, year, level, "group", numerator, denominator, median_days
--   over the measured pathways (days >= 0) whose `to` date falls in the year:
--   denominator = pathways, numerator = those with days <= norm_days,
--   median_days = quantile_cont(days, 0.5).
-- Levels: national; unit = the unit of the `to` milestone; region = that unit's region.
WITH measured AS (
  SELECT p.interval_id, p.norm_days, year(p.to_date) AS year, p.unit_code, u.region_code, p.days
  FROM pathway_intervals p
  JOIN clean_units u ON u.unit_code = p.unit_code
  WHERE p.days >= 0
    AND year(p.to_date) BETWEEN $first_year AND $year
)
SELECT
  interval_id AS "interval",
  year,
  CASE WHEN GROUPING(region_code) = 0 THEN 'region' WHEN GROUPING(unit_code) = 0 THEN 'unit' ELSE 'national' END AS level,
  CASE WHEN GROUPING(region_code) = 0 THEN region_code WHEN GROUPING(unit_code) = 0 THEN unit_code ELSE 'ALL' END AS "group",
  count(*) FILTER (WHERE days <= norm_days) AS numerator,
  count(*) AS denominator,
  quantile_cont(days, 0.5)::DOUBLE AS median_days
FROM measured
GROUP BY GROUPING SETS ((interval_id, norm_days, year), (interval_id, norm_days, year, region_code), (interval_id, norm_days, year, unit_code));
