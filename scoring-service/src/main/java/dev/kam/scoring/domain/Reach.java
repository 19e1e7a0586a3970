package dev.kam.scoring.domain;

/**
 * How widely a key account is dispersed over the supplier's field force: within fewer sales territories than make
 * a national account ({@code LOCAL}), over several territories, which may all lie in one country
 * ({@code NATIONAL}), or over several world areas or many countries ({@code GLOBAL}). A national or global account is designated {@code NATIONAL_ACCOUNT}; the
 * reach tells the two apart (an addition to the v1 events, which keep their designations).
 */
public enum Reach {
    LOCAL, NATIONAL, GLOBAL;

    public Designation designation() {
        return this == LOCAL ? Designation.KEY_ACCOUNT : Designation.NATIONAL_ACCOUNT;
    }
}
