-- Bulk reads and the change feed of scores (issue 17).
-- The CRMs' references of each customer as system/id (neither part may hold a /), so a CRM reads the scores of its
-- customers by its own ids. Filled from each customer's events; customers with no event since this migration have
-- none yet (the customer-service's next change of them, or an import of the CRM's file, fills them).
ALTER TABLE customer_facts ADD COLUMN external_refs TEXT[] NOT NULL DEFAULT '{}';
CREATE INDEX customer_facts_external_refs ON customer_facts USING GIN (external_refs);

-- The transaction that last changed each score: the feed's order. A transaction's id is known before it commits,
-- and the feed only hands out rows of transactions older than every one still running, so a row committed later
-- never lands behind a position a client already passed (which an order by time would allow).
ALTER TABLE customer_score ADD COLUMN changed_in xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX customer_score_changes ON customer_score (changed_in, customer_id);
