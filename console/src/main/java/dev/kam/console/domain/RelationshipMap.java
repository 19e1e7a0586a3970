package dev.kam.console.domain;

import java.util.List;

/**
 * The customer's buying centre and who on our side owns each relationship. {@code bowTie}: every relationship runs
 * through one person of ours, the single-threaded account the relationship-mapping literature warns of.
 */
public record RelationshipMap(List<Contact> contacts, int unowned, boolean bowTie) {

    public record Contact(String contactId, String name, String title, List<String> roles, String owner, Integer cadenceDays,
                          String lastContact, boolean unowned, boolean overdue) {
        public String displayName() {
            return name != null && !name.isBlank() ? name : contactId;
        }

        public String rolesLabel() {
            return String.join(", ", roles.stream().map(Labels::of).toList());
        }
    }

    public RelationshipMap {
        contacts = List.copyOf(contacts);
    }
}
