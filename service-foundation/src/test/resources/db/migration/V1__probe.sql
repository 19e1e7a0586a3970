CREATE TABLE probe_state (
    customer_id  VARCHAR(64) PRIMARY KEY,
    activations  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE probe_effect (
    customer_id  VARCHAR(64) PRIMARY KEY,
    applied      INTEGER NOT NULL DEFAULT 0
);
