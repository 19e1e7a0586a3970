package dev.kam.foundation;

import dev.kam.contracts.EventType;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@FoundationTest
class EventSchemaResourceTest {

    @Test
    void servesTheSchemaBehindEveryDataSchemaWithoutAToken() {
        for (EventType type : EventType.values()) {
            String path = URI.create(type.dataSchema().toString()).getPath();
            given().get("/schemas" + path.substring(path.indexOf("/events/"))).then()
                    .statusCode(200)
                    .contentType("application/schema+json")
                    .body("$id", equalTo(type.dataSchema().toString()));
        }
        given().get("/schemas/common/kam-common.v1.json").then().statusCode(200).body("$defs.customerSnapshot.type", equalTo("object"));
    }

    @Test
    void servesTheAsyncApiDocument() {
        given().get("/schemas/asyncapi.yaml").then().statusCode(200).body(containsString("asyncapi: 3.0.0"));
    }

    @Test
    void answersAnUnknownOrUnsafeNameWith404() {
        given().get("/schemas/events/kam.nothing.v9.json").then().statusCode(404).contentType("application/problem+json");
        given().get("/schemas/events/..%2F..%2Fapplication.properties").then().statusCode(404);
    }
}
