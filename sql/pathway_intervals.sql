-- pathway intervals: the days from one milestone to another, per pathway           metrics.md §3
-- in:  pathway_milestones, cfg_intervals, cfg_interval_treatments
-- out: pathway_intervals(interval_id, norm_days, pathway_id, to_date, unit_code, line, days)
--      with every interval where (1) both milestones exist, (2) the treatment modality is one the
--      interval lists (if it lists any), (3) the pathway has no end, or ends on or after the `to`
--      date. Negative intervals (days < 0) are kept here and are not measured; they go to dq.
CREATE OR REPLACE TABLE pathway_intervals AS
SELECT i.interval_id, i.norm_days, a.pathway_id, b.date AS to_date, b.unit_code, b.line,
       datediff('day', a.date, b.date) AS days
FROM cfg_intervals i
JOIN pathway_milestones a ON a.role = i.from_role
JOIN pathway_milestones b ON b.pathway_id = a.pathway_id AND b.role = i.to_role
LEFT JOIN pathway_milestones t ON t.pathway_id = a.pathway_id AND t.role = 'treatment'
LEFT JOIN pathway_milestones e ON e.pathway_id = a.pathway_id AND e.role = 'end'
LEFT JOIN cfg_interval_treatments it ON it.interval_id = i.interval_id AND it.modality = t.modality
WHERE (i.any_treatment OR it.modality IS NOT NULL)
  AND (e.date IS NULL OR e.date >= b.date);

-- A negative interval is listed as data quality: table pathway_events, the line of the event that
-- set the `to` milestone, column event_date, the pathway id as value.
DELETE FROM dq WHERE rule = 'negative_interval';
INSERT INTO dq
SELECT 'pathway_events', line, 'event_date', pathway_id, 'negative_interval', 3
FROM pathway_intervals
WHERE days < 0;
