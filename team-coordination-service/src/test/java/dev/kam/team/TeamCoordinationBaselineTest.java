package dev.kam.team;

import dev.kam.testsupport.KamInfrastructureResource;
import dev.kam.testsupport.ServiceBaselineTest;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

@QuarkusTest
@WithTestResource(value = KamInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "kam_team"))
class TeamCoordinationBaselineTest extends ServiceBaselineTest {

    @Override
    protected String serviceName() {
        return "team-coordination-service";
    }

    @Override
    protected List<String> publishedTopics() {
        return List.of("kam.team.events");
    }

    @Override
    protected List<String> consumedTopics() {
        return List.of("kam.customer.events", "kam.scoring.events");
    }

    @Override
    protected List<String> businessMetrics() {
        return List.of("kam_teams", "kam_coverage_gaps");
    }
}
