-- pathway milestones: one date per pathway and role                               metrics.md §3
-- params: $as_of
-- in:     clean_pathway_events, cfg_codes(code, role, modality, treat_ord)
-- out:    pathway_milestones(pathway_id, role, date, unit_code, modality, line)
--   date:     the earliest event_date of the role's codes on or before T;
--   unit:     the smallest unit_code among the role's events on that date, whatever their codes;
--   modality: (treatment only) the code listed first in roles.treatment among that date's codes;
--   line:     the first line of those events, for the data-quality table.
-- Transfers have no milestone: they neither stop nor restart the clock.
CREATE OR REPLACE TABLE pathway_milestones AS
WITH events AS (
  SELECT e.pathway_id, e.event_date, e.unit_code, e.line, c.role, c.modality, c.treat_ord
  FROM clean_pathway_events e
  JOIN cfg_codes c ON c.code = e.code
  WHERE e.event_date <= $as_of::DATE AND c.role <> 'transfer'
),
firsts AS (
  SELECT pathway_id, role, min(event_date) AS date FROM events GROUP BY pathway_id, role
)
SELECT f.pathway_id, f.role, f.date,
       min(e.unit_code) AS unit_code,
       arg_min(e.modality, e.treat_ord) AS modality,
       min(e.line) AS line
FROM firsts f
JOIN events e ON e.pathway_id = f.pathway_id AND e.role = f.role AND e.event_date = f.date
GROUP BY f.pathway_id, f.role, f.date;
