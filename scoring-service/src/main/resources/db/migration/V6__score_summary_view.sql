-- The score as a CRM writes it back (bulk lookups and the change feed): one view, so every statement that reads it
-- is one constant text with its own WHERE, not a column list joined to a condition.
CREATE VIEW score_summary AS
SELECT s.customer_id, s.model_version, s.total, s.tier, s.designation, s.reach, s.regions,
       EXISTS (SELECT 1 FROM score_override o WHERE o.customer_id = s.customer_id AND o.expires_at > now()) AS overridden,
       f.external_refs, s.scored_at, s.changed_in
FROM customer_score s JOIN customer_facts f ON f.customer_id = s.customer_id;
