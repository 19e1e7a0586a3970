-- Issue 16: kam.accounts counted customer_score by designation at every refresh. Even through an index that read
-- every score: a table whose rows are rewritten this often rarely has its visibility map set, so the index-only
-- scan visited the heap anyway (0.5 s on three cores at 360,000 scores, while the bench's pipeline ran).
-- The counts are kept instead. Each statement that changes customer_score records its net change per designation
-- in designation_count_change (insert only, so concurrent writers never wait on one another), whoever writes it
-- (the consumer, a rescore, an operator's SQL); the gauge folds those rows into designation_count when it reads.
CREATE TABLE designation_count (
    designation  VARCHAR(20)  PRIMARY KEY,
    customers    BIGINT       NOT NULL
);

CREATE TABLE designation_count_change (
    designation  VARCHAR(20)  NOT NULL,
    change       BIGINT       NOT NULL
);

INSERT INTO designation_count (designation, customers)
SELECT designation, count(*) FROM customer_score GROUP BY designation;

CREATE FUNCTION count_scores_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO designation_count_change (designation, change)
    SELECT designation, count(*) FROM inserted_scores GROUP BY designation;
    RETURN NULL;
END $$;

CREATE FUNCTION count_scores_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO designation_count_change (designation, change)
    SELECT designation, sum(change)
    FROM (SELECT designation, 1 AS change FROM scores_after UNION ALL SELECT designation, -1 FROM scores_before) AS changes
    GROUP BY designation
    HAVING sum(change) <> 0;
    RETURN NULL;
END $$;

CREATE FUNCTION count_scores_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO designation_count_change (designation, change)
    SELECT designation, -count(*) FROM deleted_scores GROUP BY designation;
    RETURN NULL;
END $$;

CREATE FUNCTION count_scores_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM designation_count_change;
    DELETE FROM designation_count;
    RETURN NULL;
END $$;

CREATE TRIGGER customer_score_counted_inserted AFTER INSERT ON customer_score
    REFERENCING NEW TABLE AS inserted_scores FOR EACH STATEMENT EXECUTE FUNCTION count_scores_inserted();
CREATE TRIGGER customer_score_counted_updated AFTER UPDATE ON customer_score
    REFERENCING OLD TABLE AS scores_before NEW TABLE AS scores_after FOR EACH STATEMENT EXECUTE FUNCTION count_scores_updated();
CREATE TRIGGER customer_score_counted_deleted AFTER DELETE ON customer_score
    REFERENCING OLD TABLE AS deleted_scores FOR EACH STATEMENT EXECUTE FUNCTION count_scores_deleted();
CREATE TRIGGER customer_score_counted_truncated AFTER TRUNCATE ON customer_score
    FOR EACH STATEMENT EXECUTE FUNCTION count_scores_truncated();

-- Nothing counts through it any more, and every score written had to maintain it.
DROP INDEX customer_score_counted_by_designation;
