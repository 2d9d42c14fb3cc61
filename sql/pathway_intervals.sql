-- pathway intervals: the days from one milestone to another, per pathway           metrics.md §3
-- in:  pathway_milestones, cfg_intervals, cfg_interval_treatments
-- out: pathway_intervals(interval_id, norm_days, pathway_id, to_date, unit_code, line, days)
--      with every interval where (1) both milestones exist, (2) the treatment modality is one the
--      interval lists (if it lists any), (3) the pathway has no end, or ends on or after the `to`
--      date. Negative intervals (days < 0) are kept here and are not measured; they go to dq.
CREATE OR REPLACE TABLE pathway_intervals AS
WITH pairs AS (
  SELECT
    i.interval_id, i.norm_days, i.any_treatment, p.pathway_id, p.modality, p.end_du.d AS end_date,
    CASE i.from_role WHEN 'start' THEN p.start_du WHEN 'first_attendance' THEN p.first_attendance_du
      WHEN 'decision' THEN p.decision_du WHEN 'treatment' THEN p.treatment_du WHEN 'end' THEN p.end_du END AS a,
    CASE i.to_role WHEN 'start' THEN p.start_du WHEN 'first_attendance' THEN p.first_attendance_du
      WHEN 'decision' THEN p.decision_du WHEN 'treatment' THEN p.treatment_du WHEN 'end' THEN p.end_du END AS b,
    CASE i.to_role WHEN 'start' THEN p.start_dl WHEN 'first_attendance' THEN p.first_attendance_dl
      WHEN 'decision' THEN p.decision_dl WHEN 'treatment' THEN p.treatment_dl WHEN 'end' THEN p.end_dl END AS b_dl
  FROM cfg_intervals i
  CROSS JOIN pathway_milestones p
)
SELECT pairs.interval_id, norm_days, pathway_id, b.d AS to_date, b.u AS unit_code, b_dl.l AS line,
       datediff('day', a.d, b.d) AS days
FROM pairs
LEFT JOIN cfg_interval_treatments it ON it.interval_id = pairs.interval_id AND it.modality = pairs.modality
WHERE a IS NOT NULL AND b IS NOT NULL
  AND (any_treatment OR it.modality IS NOT NULL)
  AND (end_date IS NULL OR end_date >= b.d);

-- A negative interval is listed as data quality: table pathway_events, the line of the event that
-- set the `to` milestone, column event_date, the pathway id as value.
DELETE FROM dq WHERE rule = 'negative_interval';
INSERT INTO dq
SELECT 'pathway_events', line, 'event_date', pathway_id, 'negative_interval', 3
FROM pathway_intervals
WHERE days < 0;
