package dev.kam.team.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Mobilising the supplier's own resources for the customer (Wotruba & Castleberry): each functional area of the
 * customer's buying centre calls for a specialist of the supplier's function that answers it. Quality, engineering
 * and IT call for a technical specialist, logistics for a logistics owner, operations for service, finance and
 * marketing for their own. The key account manager requests the specialist; the head of the function approves.
 *
 * @param function the supplier's function wanted
 * @param areas    the customer's functional areas that call for it
 */
public record SpecialistNeed(StaffFunction function, Set<String> areas) {

    /** The supplier function that answers a functional area of the customer's buying centre, if one does. */
    public static Optional<StaffFunction> answering(String customerArea) {
        return Optional.ofNullable(switch (customerArea) {
            case "QUALITY", "ENGINEERING", "IT" -> StaffFunction.TECHNICAL;
            case "LOGISTICS" -> StaffFunction.LOGISTICS;
            case "OPERATIONS" -> StaffFunction.SERVICE;
            case "FINANCE" -> StaffFunction.FINANCE;
            case "MARKETING" -> StaffFunction.MARKETING;
            default -> null; // procurement: the key account manager's; top management: the sponsor's
        });
    }

    /** What the customer's areas call for, one need per function, in function order. */
    public static List<SpecialistNeed> of(Set<String> customerAreas) {
        Map<StaffFunction, Set<String>> needs = new LinkedHashMap<>();
        for (String area : new TreeSet<>(customerAreas)) {
            answering(area).ifPresent(function -> needs.computeIfAbsent(function, f -> new TreeSet<>()).add(area));
        }
        return needs.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(need -> new SpecialistNeed(need.getKey(), Set.copyOf(need.getValue()))).toList();
    }
}
