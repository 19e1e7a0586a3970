-- The supplier's people, as HR/CRM syncs them.
CREATE TABLE staff (
    employee_id  VARCHAR(100) PRIMARY KEY,
    name         VARCHAR(200) NOT NULL,
    email        VARCHAR(320),
    function     VARCHAR(32)  NOT NULL,
    regions      TEXT[]       NOT NULL,
    industries   TEXT[]       NOT NULL,
    capacity     INTEGER      NOT NULL,
    manager_id   VARCHAR(100),
    updated_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX staff_function ON staff (function);

-- What the teams need to know of a customer: its regions and operating units (from customer events).
CREATE TABLE customer_shape (
    customer_id      UUID         PRIMARY KEY,
    legal_name       VARCHAR(300),
    industry         VARCHAR(100),
    regions          TEXT[]       NOT NULL,
    operating_units  TEXT[]       NOT NULL,
    event_sequence   BIGINT       NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL
);

-- One open team per key account; dissolved teams stay as history.
CREATE TABLE team (
    team_id          UUID         PRIMARY KEY,
    customer_id      UUID         NOT NULL,
    designation      VARCHAR(20)  NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    regions          TEXT[]       NOT NULL,
    operating_units  TEXT[]       NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL
);
CREATE UNIQUE INDEX team_one_open_per_customer ON team (customer_id) WHERE status <> 'DISSOLVED';

CREATE TABLE team_member (
    member_id    VARCHAR(64)  PRIMARY KEY,
    team_id      UUID         NOT NULL REFERENCES team (team_id),
    employee_id  VARCHAR(100) NOT NULL,
    role         VARCHAR(32)  NOT NULL,
    coverage     TEXT[]       NOT NULL,
    since        TIMESTAMPTZ  NOT NULL,
    released_at  TIMESTAMPTZ
);
CREATE INDEX team_member_team ON team_member (team_id);
CREATE INDEX team_member_active_employee ON team_member (employee_id) WHERE released_at IS NULL;
