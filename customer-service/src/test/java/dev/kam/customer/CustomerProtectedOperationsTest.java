package dev.kam.customer;

import dev.kam.testsupport.KamInfrastructureResource;
import dev.kam.testsupport.ProtectedOperationsTest;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = KamInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "kam_customer"))
class CustomerProtectedOperationsTest extends ProtectedOperationsTest {

    @Override
    protected int expectedOperationsAtLeast() {
        return 14;
    }
}
