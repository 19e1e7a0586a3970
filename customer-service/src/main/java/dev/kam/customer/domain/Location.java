package dev.kam.customer.domain;

/** A site of the customer; regions make a key account a national account when there are several. */
public record Location(String country, String region, String city) {
}
