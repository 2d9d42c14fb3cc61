-- pathway milestones: per pathway, the date, unit and line of each role's milestone   metrics.md §3
-- params: $as_of
-- in:     clean_pathway_events, cfg_codes(code, role, modality, treat_ord)
-- out:    pathway_milestones, one row per pathway: for each role r of start, first_attendance,
--         decision, treatment and end_ (the end role):
--           r_du = {d: milestone date, u: its unit}, r_dl = {d: milestone date, l: its line}
--         and modality (of the treatment milestone).
--   date:     the earliest event_date of the role's codes on or before T;
--   unit:     the smallest unit_code among the role's events on that date, whatever their codes
--             (the minimum of {date, unit} pairs);
--   line:     the first line of those events, for the data-quality table;
--   modality: the code listed first in roles.treatment among the treatment codes of that date.
-- Transfers have no milestone: they neither stop nor restart the clock.
CREATE OR REPLACE TABLE pathway_milestones AS
WITH events AS (
  SELECT e.pathway_id, e.event_date, e.unit_code, e.line, c.role, c.modality, c.treat_ord
  FROM clean_pathway_events e
  JOIN cfg_codes c ON c.code = e.code
  WHERE e.event_date <= $as_of::DATE AND c.role <> 'transfer'
)
SELECT
  pathway_id,
  min({'d': event_date, 'u': unit_code}) FILTER (WHERE role = 'start') AS start_du,
  min({'d': event_date, 'l': line}) FILTER (WHERE role = 'start') AS start_dl,
  min({'d': event_date, 'u': unit_code}) FILTER (WHERE role = 'first_attendance') AS first_attendance_du,
  min({'d': event_date, 'l': line}) FILTER (WHERE role = 'first_attendance') AS first_attendance_dl,
  min({'d': event_date, 'u': unit_code}) FILTER (WHERE role = 'decision') AS decision_du,
  min({'d': event_date, 'l': line}) FILTER (WHERE role = 'decision') AS decision_dl,
  min({'d': event_date, 'u': unit_code}) FILTER (WHERE role = 'treatment') AS treatment_du,
  min({'d': event_date, 'l': line}) FILTER (WHERE role = 'treatment') AS treatment_dl,
  arg_min(modality, (event_date, treat_ord)) FILTER (WHERE role = 'treatment') AS modality,
  min({'d': event_date, 'u': unit_code}) FILTER (WHERE role = 'end') AS end_du,
  min({'d': event_date, 'l': line}) FILTER (WHERE role = 'end') AS end_dl
FROM events
GROUP BY pathway_id;
