-- cohort: the valid cases in scope, with their site group and diagnosis year.      (metrics.md §0)
-- in:  clean_cases, cfg_site_groups(site_group, ord, prefix)
-- out: cohort = clean_cases + site_group + diagnosis_year, in-scope cases only
-- The ICD-10 code is normalised (upper-case, '.' removed) and matched by prefix; the first matching
-- site group in registry.yaml order wins. Matching compares the code's first n characters with each
-- prefix of length n, so it is a hash join however many cases there are.
CREATE TABLE cohort AS
WITH normalised AS (
  SELECT case_id, upper(replace(icd10, '.', '')) AS code FROM clean_cases
),
lengths AS (
  SELECT DISTINCT length(prefix) AS n FROM cfg_site_groups
),
matched AS (
  SELECT c.case_id, arg_min(g.site_group, g.ord) AS site_group
  FROM normalised c
  CROSS JOIN lengths l
  JOIN cfg_site_groups g ON g.prefix = left(c.code, l.n)
  GROUP BY c.case_id
)
SELECT c.*, m.site_group, year(c.diagnosis_date) AS diagnosis_year
FROM clean_cases c
JOIN matched m ON m.case_id = c.case_id;
