package dev.kam.customer;

import dev.kam.testsupport.KamInfrastructureResource;
import dev.kam.testsupport.ServiceBaselineTest;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

@QuarkusTest
@WithTestResource(value = KamInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "kam_customer"))
class CustomerBaselineTest extends ServiceBaselineTest {

    @Override
    protected String serviceName() {
        return "customer-service";
    }

    @Override
    protected List<String> publishedTopics() {
        return List.of("kam.customer.events");
    }

    @Override
    protected List<String> consumedTopics() {
        return List.of();
    }

    @Override
    protected List<String> businessMetrics() {
        return List.of("kam_customers");
    }
}
