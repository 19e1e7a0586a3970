package dev.kam.console.domain;

import java.util.Locale;

/** The platform's enumerated values (NATIONAL_ACCOUNT, KEY_ACCOUNT_MANAGER) as people read them. */
public final class Labels {

    private Labels() {
    }

    public static String of(String constant) {
        if (constant == null || constant.isBlank()) {
            return "";
        }
        String words = constant.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
