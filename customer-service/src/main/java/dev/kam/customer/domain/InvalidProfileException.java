package dev.kam.customer.domain;

import java.util.List;

/** The profile breaks rules that span fields (duplicates, references between lists). */
public class InvalidProfileException extends RuntimeException {

    private final List<ProfileViolation> violations;

    public InvalidProfileException(List<ProfileViolation> violations) {
        super(violations.size() == 1 ? violations.get(0).field() + " " + violations.get(0).message()
                : violations.size() + " fields are invalid");
        this.violations = List.copyOf(violations);
    }

    public List<ProfileViolation> violations() {
        return violations;
    }
}
