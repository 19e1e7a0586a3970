package dev.kam.team.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Roles on an account team and the functions that may fill them: the key account manager leads, an executive
 * sponsor stands for top management's support (Hise & Reid condition 2: only an executive is top management, a
 * sales manager is not), a service owner is the line between sales and service (condition 3), field reps cover the
 * customer's sales territories and units (condition 5), specialists bring the supplier's functions the customer's
 * buying centre involves.
 */
public enum TeamRole {
    KEY_ACCOUNT_MANAGER(EnumSet.of(StaffFunction.KEY_ACCOUNT_MANAGER)),
    EXECUTIVE_SPONSOR(EnumSet.of(StaffFunction.EXECUTIVE)),
    SERVICE_OWNER(EnumSet.of(StaffFunction.SERVICE, StaffFunction.LOGISTICS)),
    FIELD_REP(EnumSet.of(StaffFunction.FIELD_SALES)),
    SPECIALIST(EnumSet.of(StaffFunction.TECHNICAL, StaffFunction.FINANCE, StaffFunction.MARKETING, StaffFunction.LOGISTICS,
            StaffFunction.SERVICE));

    /** Roles every active team has. */
    public static final Set<TeamRole> REQUIRED = EnumSet.of(KEY_ACCOUNT_MANAGER, EXECUTIVE_SPONSOR, SERVICE_OWNER);

    private final Set<StaffFunction> functions;

    TeamRole(Set<StaffFunction> functions) {
        this.functions = functions;
    }

    public boolean fits(StaffFunction function) {
        return functions.contains(function);
    }

    public Set<StaffFunction> functions() {
        return functions;
    }
}
