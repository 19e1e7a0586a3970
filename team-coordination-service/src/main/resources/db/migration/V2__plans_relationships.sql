-- The buying-centre contacts of the customer, for the relationship map.
ALTER TABLE customer_shape ADD COLUMN contacts JSONB NOT NULL DEFAULT '[]';

-- The account plan: mission, measurable goals, communication lines between sales and service.
CREATE TABLE account_plan (
    team_id        UUID         PRIMARY KEY REFERENCES team (team_id),
    mission        TEXT         NOT NULL,
    goals          JSONB        NOT NULL,
    communication  JSONB        NOT NULL,
    version        INTEGER      NOT NULL,
    updated_by     VARCHAR(200) NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL
);

-- The relationship map: who on the team owns the relationship with each buying-centre contact.
CREATE TABLE relationship (
    team_id            UUID         NOT NULL REFERENCES team (team_id),
    contact_id         VARCHAR(100) NOT NULL,
    owner_employee_id  VARCHAR(100) NOT NULL,
    cadence_days       INTEGER      NOT NULL,
    last_contact       DATE,
    updated_at         TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (team_id, contact_id)
);
