package dev.kam.scoring.domain;

public enum Tier {
    KEY_ACCOUNT, STANDARD
}
