package dev.kam.team.service;

import dev.kam.team.domain.StaffMember;

import java.util.List;

/** A staff record that breaks the directory's rules (answered 400 naming each field). */
public class InvalidStaffException extends RuntimeException {

    private final List<StaffMember.Violation> violations;

    public InvalidStaffException(List<StaffMember.Violation> violations) {
        super(violations.size() == 1 ? violations.get(0).field() + " " + violations.get(0).message()
                : violations.size() + " fields are invalid");
        this.violations = List.copyOf(violations);
    }

    public List<StaffMember.Violation> violations() {
        return violations;
    }
}
