-- Versions of the scoring model; exactly one is active at a time.
CREATE TABLE scoring_model (
    version       INTEGER      PRIMARY KEY,
    status        VARCHAR(16)  NOT NULL,
    description   TEXT,
    definition    JSONB        NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    activated_at  TIMESTAMPTZ
);
CREATE UNIQUE INDEX scoring_model_one_active ON scoring_model (status) WHERE status = 'ACTIVE';

-- What scoring keeps of each customer profile, with the sequence of the last customer event applied.
CREATE TABLE customer_facts (
    customer_id     UUID         PRIMARY KEY,
    facts           JSONB        NOT NULL,
    event_sequence  BIGINT       NOT NULL,
    archived        BOOLEAN      NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL
);

-- The current score of each customer (effective tier and designation include an active override).
CREATE TABLE customer_score (
    customer_id    UUID          PRIMARY KEY,
    model_version  INTEGER       NOT NULL,
    total          NUMERIC(5, 1) NOT NULL,
    confidence     NUMERIC(3, 2) NOT NULL,
    computed_tier  VARCHAR(16)   NOT NULL,
    tier           VARCHAR(16)   NOT NULL,
    designation    VARCHAR(20)   NOT NULL,
    regions        TEXT[]        NOT NULL,
    explanation    JSONB         NOT NULL,
    scored_at      TIMESTAMPTZ   NOT NULL
);
CREATE INDEX customer_score_designation ON customer_score (designation, customer_id) WHERE designation <> 'NONE';

-- Every change of a score, for history and asOf queries.
CREATE TABLE score_history (
    id             BIGSERIAL     PRIMARY KEY,
    customer_id    UUID          NOT NULL,
    model_version  INTEGER       NOT NULL,
    total          NUMERIC(5, 1) NOT NULL,
    tier           VARCHAR(16)   NOT NULL,
    designation    VARCHAR(20)   NOT NULL,
    cause          VARCHAR(40)   NOT NULL,
    explanation    JSONB         NOT NULL,
    scored_at      TIMESTAMPTZ   NOT NULL
);
CREATE INDEX score_history_customer ON score_history (customer_id, scored_at, id);

-- A tier forced by sales ops, with a reason and an expiry.
CREATE TABLE score_override (
    customer_id  UUID         PRIMARY KEY,
    tier         VARCHAR(16)  NOT NULL,
    reason       TEXT         NOT NULL,
    expires_at   TIMESTAMPTZ  NOT NULL,
    created_by   VARCHAR(200) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX score_override_expires_at ON score_override (expires_at);

-- Rescoring every customer after a model activation, resumable from the last customer done.
CREATE TABLE rescore_job (
    id                UUID         PRIMARY KEY,
    model_version     INTEGER      NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    total             BIGINT       NOT NULL,
    done              BIGINT       NOT NULL,
    last_customer_id  UUID,
    started_at        TIMESTAMPTZ  NOT NULL,
    finished_at       TIMESTAMPTZ
);
