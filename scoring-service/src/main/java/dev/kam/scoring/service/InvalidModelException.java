package dev.kam.scoring.service;

import java.util.List;

public class InvalidModelException extends RuntimeException {

    private final List<String> problems;

    public InvalidModelException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
