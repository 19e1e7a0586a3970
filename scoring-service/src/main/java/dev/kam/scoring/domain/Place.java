package dev.kam.scoring.domain;

/**
 * Where a customer has a site, as far as geography is concerned: its country (ISO 3166-1 alpha-2) and the region
 * its CRM gives (a state, a province, a sales region; may be null). Sales territories are made of places.
 */
public record Place(String country, String region) {
}
