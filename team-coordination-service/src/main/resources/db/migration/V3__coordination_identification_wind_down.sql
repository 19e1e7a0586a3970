-- Issue 15: what a sales-management expert would correct.

-- How clearly scoring identified the key account (condition 6), and the wind-down of a revoked one.
ALTER TABLE team ADD COLUMN identification JSONB;
ALTER TABLE team ADD COLUMN wind_down JSONB;
ALTER TABLE team ADD COLUMN restored_from UUID;
CREATE INDEX team_winding_down ON team ((wind_down ->> 'until')) WHERE status = 'WINDING_DOWN';

-- A field rep's coordination with their line manager (condition 5). Reps on teams so far reported to the team's key
-- account manager, whom the rule required: their coordination is agreed.
ALTER TABLE team_member ADD COLUMN coordination JSONB;
UPDATE team_member m SET coordination = jsonb_build_object(
        'lineManagerId', s.manager_id, 'stance', 'AGREED', 'decidedBy', 'service:team-coordination-service',
        'at', to_char(m.since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
    FROM staff s
    WHERE m.employee_id = s.employee_id AND m.role = 'FIELD_REP' AND m.released_at IS NULL AND s.manager_id IS NOT NULL;

-- The customer's functional areas (specialists, condition 3) and our supplier status at it (the programme's outcome).
ALTER TABLE customer_shape ADD COLUMN functional_areas TEXT[] NOT NULL DEFAULT '{}';
ALTER TABLE customer_shape ADD COLUMN supplier_status VARCHAR(16);

-- Our supplier status at each key account, from its designation on: every change is an observation.
CREATE TABLE supplier_status_history (
    id              BIGSERIAL    PRIMARY KEY,
    customer_id     UUID         NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    observed_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX supplier_status_history_customer ON supplier_status_history (customer_id, observed_at, id);

-- Specialists the key account manager requests for the customer's functional areas; the function's head decides.
CREATE TABLE specialist_request (
    request_id     UUID         PRIMARY KEY,
    team_id        UUID         NOT NULL REFERENCES team (team_id),
    function       VARCHAR(32)  NOT NULL,
    employee_id    VARCHAR(100) NOT NULL,
    note           VARCHAR(1000),
    requested_by   VARCHAR(200) NOT NULL,
    requested_at   TIMESTAMPTZ  NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    decided_by     VARCHAR(200),
    decided_at     TIMESTAMPTZ,
    decision_note  VARCHAR(1000),
    member_id      VARCHAR(64)
);
CREATE INDEX specialist_request_team ON specialist_request (team_id);
