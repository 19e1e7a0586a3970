package dev.kam.team.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Set;

/** Team coordination's own settings. */
@ConfigMapping(prefix = "team")
public interface TeamSettings {

    /**
     * The supplier's sales territories: the regions its field force is organised in, the only ones a staff member may
     * work in. Scoring measures a customer's dispersion over the same territories (its model names them) and tells the
     * teams which of them a key account has sites in; keep the two lists alike.
     */
    @WithDefault("DE-NORTH,DE-EAST,DE-WEST,DE-SOUTH,ALPINE,FRANCE,UK-IRELAND,BENELUX,NORDICS,IBERIA,ITALY,CENTRAL-EASTERN-EUROPE,"
            + "MIDDLE-EAST-AFRICA,USA,CANADA,LATIN-AMERICA,GREATER-CHINA,JAPAN,KOREA,INDIA,SOUTHEAST-ASIA,OCEANIA")
    Set<String> salesTerritories();

    /** How long a revoked key account's team winds down, handing the account over, before it dissolves. */
    @WithDefault("P30D")
    Duration windDownPeriod();

    /** How often winding-down teams whose period is over are dissolved (a Quarkus scheduler interval). */
    @WithDefault("60s")
    String windDownCheck();
}
