-- pathway intervals: the days from one milestone to another, per pathway           metrics.md §3
-- in:  pathway_milestones, unit_ranks, cfg_intervals, cfg_interval_treatments
-- out: pathway_intervals(interval_id, norm_days, pathway_id, to_date, unit_code, line, days)
--      with every interval where (1) both milestones exist, (2) the treatment modality is one the
--      interval lists (if it lists any), (3) the pathway has no end, or ends on or after the `to`
--      date. Negative intervals (days < 0) are kept here and are not measured; they go to dq.
-- Keys are unpacked as pathway_milestones.sql packs them: date = high 32 bits, tie-breaker = low.
CREATE OR REPLACE TABLE pathway_intervals AS
WITH pairs AS (
  SELECT
    i.interval_id, i.norm_days, i.any_treatment, p.pathway_id, p.modality, p.end_u AS end_key,
    CASE i.from_role WHEN 'start' THEN p.start_u WHEN 'first_attendance' THEN p.first_attendance_u
      WHEN 'decision' THEN p.decision_u WHEN 'treatment' THEN p.treatment_u WHEN 'end' THEN p.end_u END AS a_key,
    CASE i.to_role WHEN 'start' THEN p.start_u WHEN 'first_attendance' THEN p.first_attendance_u
      WHEN 'decision' THEN p.decision_u WHEN 'treatment' THEN p.treatment_u WHEN 'end' THEN p.end_u END AS b_key,
    CASE i.to_role WHEN 'start' THEN p.start_l WHEN 'first_attendance' THEN p.first_attendance_l
      WHEN 'decision' THEN p.decision_l WHEN 'treatment' THEN p.treatment_l WHEN 'end' THEN p.end_l END AS b_line_key
  FROM cfg_intervals i
  CROSS JOIN pathway_milestones p
)
SELECT
  pairs.interval_id, norm_days, pathway_id,
  DATE '1970-01-01' + ((b_key >> 32) - 1000000)::INTEGER AS to_date,
  u.unit_code,
  b_line_key & 4294967295 AS line,
  ((b_key >> 32) - (a_key >> 32))::INTEGER AS days
FROM pairs
JOIN unit_ranks u ON u.r = (b_key & 4294967295)
LEFT JOIN cfg_interval_treatments it ON it.interval_id = pairs.interval_id AND it.modality = pairs.modality
WHERE a_key IS NOT NULL
  AND (any_treatment OR it.modality IS NOT NULL)
  AND (end_key IS NULL OR (end_key >> 32) >= (b_key >> 32));

-- A negative interval is listed as data quality: table pathway_events, the line of the event that
-- set the `to` milestone, the pathway id as the record id and as the value, column event_date.
DELETE FROM dq WHERE rule = 'negative_interval';
INSERT INTO dq
SELECT 'pathway_events', line, pathway_id, 'event_date', pathway_id, 'negative_interval', 3
FROM pathway_intervals
WHERE days < 0;
