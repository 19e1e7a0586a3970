package dev.kam.scoring.domain;

/**
 * What the platform tells everyone about a customer: a national account is a key account widely dispersed over the
 * supplier's sales territories (within one country, or over world areas: then its {@link Reach} is GLOBAL).
 */
public enum Designation {
    NATIONAL_ACCOUNT, KEY_ACCOUNT, NONE;

    public boolean isKeyAccount() {
        return this != NONE;
    }
}
