package dev.kam.team.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Set;

/** Team coordination's own settings. */
@ConfigMapping(prefix = "team")
public interface TeamSettings {

    /**
     * The supplier's sales territories: the regions its field force is organised in, and the only regions a staff
     * member may work in (a region outside them is refused; a customer region outside them is a gap no rep can
     * fill, which the staffing proposal says).
     */
    @WithDefault("EMEA,AMERICAS,APAC")
    Set<String> salesTerritories();
}
