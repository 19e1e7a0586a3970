package dev.kam.console.rest;

import dev.kam.console.domain.ConsoleUser;
import dev.kam.console.service.PortfolioService;
import dev.kam.console.service.ServiceCallException;
import dev.kam.console.view.Charts;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/** The portfolio: key and national accounts against the thresholds, filtered and sorted, and the watch list. */
@Path("/portfolio")
@Produces(MediaType.TEXT_HTML)
public class PortfolioResource {

    private final Template portfolio;
    private final PortfolioService portfolios;
    private final Sessions sessions;

    PortfolioResource(@io.quarkus.qute.Location("portfolio.html") Template portfolio, PortfolioService portfolios, Sessions sessions) {
        this.portfolio = portfolio;
        this.portfolios = portfolios;
        this.sessions = sessions;
    }

    /** The page asked for: a whole number from 1 (JAX-RS would answer an empty 404 for "abc"); otherwise 400 with a page that says so. */
    static int page(String number) {
        if (number == null || number.isBlank()) {
            return 1;
        }
        try {
            int page = Integer.parseInt(number.strip());
            if (page >= 1) {
                return page;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new ServiceCallException(400, "Bad request", "page must be a whole number from 1, not " + abbreviate(number));
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private static String encode(String value) {
        return value == null ? "" : java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    @GET
    public TemplateInstance page(@CookieParam(Sessions.COOKIE) String session, @QueryParam("designation") String designation,
                                 @QueryParam("region") String region, @QueryParam("q") String search, @QueryParam("sort") String sort,
                                 @QueryParam("page") String pageNumber, @Context UriInfo uri) {
        ConsoleUser user = sessions.require(session, uri);
        int page = page(pageNumber);
        PortfolioService.Sort order = PortfolioService.Sort.of(sort);
        PortfolioService.Portfolio shown = portfolios.portfolio(user, designation, region, search, order, page);
        return portfolio.data("user", user).data("portfolio", shown)
                .data("designation", designation == null ? "" : designation).data("region", region == null ? "" : region).data("q", search == null ? "" : search)
                .data("sort", order.name())
                .data("filterQuery", "q=" + encode(search) + "&designation=" + encode(designation) + "&region=" + encode(region) + "&sort=" + order.name()).data("distribution", Charts.scoreDistribution(shown.scores(), shown.model().promotion(), shown.model().demotion()));
    }
}
