package dev.kam.scoring.domain;

/** What the platform tells everyone about a customer: a national account is a key account spread over regions. */
public enum Designation {
    NATIONAL_ACCOUNT, KEY_ACCOUNT, NONE;

    public boolean isKeyAccount() {
        return this != NONE;
    }
}
