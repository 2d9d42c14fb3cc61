-- cohort: which valid cases are in scope, and their site group.               (metrics.md §0)
-- in:  clean_cases, cfg_site_groups(site_group, ord, prefix)
-- out: cases_scoped = clean_cases + site_group (NULL = out of scope)
--      cohort       = the in-scope cases, with diagnosis_year
-- The ICD-10 code is normalised (upper-case, '.' removed) and matched by prefix; the first
-- matching site group in registry.yaml order wins.
CREATE TABLE cases_scoped AS
WITH matched AS (
  SELECT c.case_id, arg_min(g.site_group, g.ord) AS site_group
  FROM clean_cases c
  JOIN cfg_site_groups g ON starts_with(upper(replace(c.icd10, '.', '')), g.prefix)
  GROUP BY c.case_id
)
SELECT c.*, m.site_group
FROM clean_cases c LEFT JOIN matched m USING (case_id);

CREATE TABLE cohort AS
SELECT *, year(diagnosis_date) AS diagnosis_year FROM cases_scoped WHERE site_group IS NOT NULL;
