-- pathway milestones: per pathway, the date, unit and line of each role's milestone   metrics.md §3
-- params: $as_of
-- in:     clean_pathway_events, clean_units, cfg_codes(code, role, modality, treat_ord)
-- out:    unit_ranks(unit_code, r): units in string order, so that "the smallest unit_code" is a
--         smallest number;
--         pathway_milestones, one row per pathway, for each role r of start, first_attendance,
--         decision, treatment and end:
--           r_u = date_key | unit rank   (the minimum: earliest date, then smallest unit code)
--           r_l = date_key | line        (the minimum: earliest date, then its first line)
--         where date_key = (days since 1970-01-01 + 1 000 000) << 32; and modality, the
--         treatment milestone's modality (the code listed first in roles.treatment that day).
-- Packing (date, tie-breaker) into one BIGINT makes each milestone a plain min() over integers; the
-- role is picked inside min() (NULL for other roles), which costs less than a FILTER per aggregate.
-- Transfers have no milestone: they neither stop nor restart the clock.
CREATE OR REPLACE TABLE unit_ranks AS
SELECT unit_code, row_number() OVER (ORDER BY unit_code) AS r FROM clean_units;

CREATE OR REPLACE TABLE pathway_milestones AS
WITH events AS (
  SELECT e.pathway_id, c.role, c.treat_ord, e.line, u.r AS unit_rank,
         ((e.event_date - DATE '1970-01-01') + 1000000)::BIGINT << 32 AS date_key
  FROM clean_pathway_events e
  JOIN cfg_codes c ON c.code = e.code
  JOIN unit_ranks u ON u.unit_code = e.unit_code
  WHERE e.event_date <= $as_of::DATE AND c.role <> 'transfer'
),
packed AS (
  SELECT
    pathway_id,
    min(CASE WHEN role = 'start' THEN date_key | unit_rank END) AS start_u,
    min(CASE WHEN role = 'start' THEN date_key | line END) AS start_l,
    min(CASE WHEN role = 'first_attendance' THEN date_key | unit_rank END) AS first_attendance_u,
    min(CASE WHEN role = 'first_attendance' THEN date_key | line END) AS first_attendance_l,
    min(CASE WHEN role = 'decision' THEN date_key | unit_rank END) AS decision_u,
    min(CASE WHEN role = 'decision' THEN date_key | line END) AS decision_l,
    min(CASE WHEN role = 'treatment' THEN date_key | unit_rank END) AS treatment_u,
    min(CASE WHEN role = 'treatment' THEN date_key | line END) AS treatment_l,
    min(CASE WHEN role = 'treatment' THEN date_key | treat_ord END) AS treatment_m,
    min(CASE WHEN role = 'end' THEN date_key | unit_rank END) AS end_u,
    min(CASE WHEN role = 'end' THEN date_key | line END) AS end_l
  FROM events
  GROUP BY pathway_id
)
SELECT p.* EXCLUDE (treatment_m), c.modality
FROM packed p
LEFT JOIN cfg_codes c ON c.role = 'treatment' AND c.treat_ord = (p.treatment_m & 4294967295);
