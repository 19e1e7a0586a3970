package dev.kam.console.domain;

/** One of Hise & Reid's six conditions of an effective key-account programme, for one team, with its evidence. */
public record Condition(int number, String name, boolean met, String evidence) {
}
