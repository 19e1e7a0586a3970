package dev.kam.customer.domain;

/**
 * A site of the customer. Scoring reads its country and region through the supplier's sales territories: sites in
 * several territories make a key account a national account (see scoring-service/README.md).
 */
public record Location(String country, String region, String city) {
}
