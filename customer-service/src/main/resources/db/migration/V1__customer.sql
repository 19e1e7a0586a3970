-- Customer profiles. The profile is one JSON document (it is read and written whole); the columns beside
-- it are copies for filtering. list_position never changes: pages are cut on it, so a customer created
-- while a client pages lands at the end and no existing one is seen twice or skipped.
CREATE TABLE customer (
    id                    UUID         PRIMARY KEY,
    list_position         BIGSERIAL    NOT NULL UNIQUE,
    profile               JSONB        NOT NULL,
    legal_name            VARCHAR(300) NOT NULL,
    industry              VARCHAR(100),
    headquarters_country  CHAR(2),
    archived              BOOLEAN      NOT NULL DEFAULT FALSE,
    version               BIGINT       NOT NULL,
    event_sequence        BIGINT       NOT NULL,
    created_at            TIMESTAMPTZ  NOT NULL,
    updated_at            TIMESTAMPTZ  NOT NULL
);

CREATE INDEX customer_updated_at ON customer (updated_at);
CREATE INDEX customer_headquarters_country ON customer (headquarters_country);
CREATE INDEX customer_industry ON customer (lower(industry));
CREATE INDEX customer_locations ON customer USING GIN ((profile -> 'locations') jsonb_path_ops);

-- A CRM's id of a customer identifies one customer only: the key of upsert by external reference.
CREATE TABLE customer_external_ref (
    system       VARCHAR(64)  NOT NULL,
    external_id  VARCHAR(255) NOT NULL,
    customer_id  UUID         NOT NULL REFERENCES customer (id),
    PRIMARY KEY (system, external_id)
);

CREATE INDEX customer_external_ref_customer ON customer_external_ref (customer_id);
