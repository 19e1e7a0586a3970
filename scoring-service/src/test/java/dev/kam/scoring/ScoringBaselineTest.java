package dev.kam.scoring;

import dev.kam.testsupport.KamInfrastructureResource;
import dev.kam.testsupport.ServiceBaselineTest;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

@QuarkusTest
@WithTestResource(value = KamInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "kam_scoring"))
class ScoringBaselineTest extends ServiceBaselineTest {

    @Override
    protected String serviceName() {
        return "scoring-service";
    }

    @Override
    protected List<String> publishedTopics() {
        return List.of("kam.scoring.events", "kam.key-accounts.state");
    }

    @Override
    protected List<String> consumedTopics() {
        return List.of("kam.customer.events");
    }

    @Override
    protected List<String> businessMetrics() {
        return List.of("kam_accounts", "kam_rescore_remaining", "kam_rescore_progress");
    }
}
