package dev.kam.team.service;

import java.util.List;

/** A request whose fields break a rule of the domain (answered 400 naming each field). */
public class InvalidRequestException extends RuntimeException {

    public record Violation(String field, String message) {
    }

    private final List<Violation> violations;

    public InvalidRequestException(List<Violation> violations) {
        super(violations.size() == 1 ? violations.get(0).field() + " " + violations.get(0).message()
                : violations.size() + " fields are invalid");
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
