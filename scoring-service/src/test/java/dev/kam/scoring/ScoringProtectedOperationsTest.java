package dev.kam.scoring;

import dev.kam.testsupport.KamInfrastructureResource;
import dev.kam.testsupport.ProtectedOperationsTest;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = KamInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "kam_scoring"))
class ScoringProtectedOperationsTest extends ProtectedOperationsTest {

    @Override
    protected int expectedOperationsAtLeast() {
        return 15;
    }
}
