package dev.kam.team.domain;

/** FORMING while a required role or a region/unit lacks someone; ACTIVE when complete; then wound down, dissolved. */
public enum TeamStatus {
    FORMING, ACTIVE, WINDING_DOWN, DISSOLVED
}
