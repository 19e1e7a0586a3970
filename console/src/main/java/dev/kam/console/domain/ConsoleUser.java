package dev.kam.console.domain;

import java.time.Instant;
import java.util.List;

/**
 * Who is signed in: the subject and roles of their token, which the console passes on to the services unchanged. What
 * the pages offer follows the services' rules (they decide; the console only avoids offering what they would refuse).
 *
 * @param subject an employee id for key account managers and line managers (the services match it to team members)
 * @param token   the bearer token every call to a service carries
 */
public record ConsoleUser(String subject, List<String> roles, String token, Instant expiresAt) {

    public static final String SALES_OPS = "sales-ops";
    public static final String KEY_ACCOUNT_MANAGER = "key-account-manager";
    public static final String VIEWER = "viewer";
    public static final String LINE_MANAGER = "line-manager";

    public ConsoleUser {
        roles = List.copyOf(roles);
    }

    public boolean isSalesOps() {
        return roles.contains(SALES_OPS);
    }

    /** Sales ops assign people: applying a staffing proposal is theirs alone. */
    public boolean mayApplyStaffing() {
        return isSalesOps();
    }

    /** Sales ops, or the key account manager who leads the team (the team service checks the same). */
    public boolean mayEditPlan(Team team) {
        return isSalesOps() || roles.contains(KEY_ACCOUNT_MANAGER) && subject.equals(team.keyAccountManager());
    }

    /** Sales ops set and lift overrides of the tier. */
    public boolean mayOverride() {
        return isSalesOps();
    }

    /** The role's name as people say it, for the page header. */
    public String roleLabel() {
        if (roles.isEmpty()) {
            return "no role";
        }
        return switch (roles.get(0)) {
            case SALES_OPS -> "Sales ops";
            case KEY_ACCOUNT_MANAGER -> "Key account manager";
            case VIEWER -> "Executive (read only)";
            case LINE_MANAGER -> "Line manager";
            default -> roles.get(0);
        };
    }
}
