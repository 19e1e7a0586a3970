package dev.kam.foundation;

import dev.kam.contracts.EventType;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@FoundationTest
class EventSchemaResourceTest {

    @Test
    void servesEverySchemaAndExampleWithoutAToken() {
        for (EventType type : EventType.values()) {
            given().get("/schemas/" + type.schemaPath()).then()
                    .statusCode(200)
                    .contentType("application/schema+json")
                    .body("$schema", equalTo("https://json-schema.org/draft/2020-12/schema"));
            given().get("/schemas/examples/" + type.ceType() + ".json").then().statusCode(200).contentType("application/json");
        }
        given().get("/schemas/common/kam-common.v1.json").then().statusCode(200).body("$defs.customerSnapshot.type", equalTo("object"));
    }

    @Test
    void servesTheAsyncApiDocumentBesideWhatItRefersTo() {
        String document = given().get("/schemas/asyncapi.yaml").then().statusCode(200)
                .body(containsString("asyncapi: 3.1.0")).extract().asString();
        // every relative reference of the served document answers, resolved against the document's own address
        Matcher references = Pattern.compile("\\$ref: '(\\./[^']+)'").matcher(document);
        int seen = 0;
        while (references.find()) {
            String path = URI.create("/schemas/asyncapi.yaml").resolve(references.group(1)).getPath();
            given().get(path).then().statusCode(200);
            seen++;
        }
        assertThat(seen).isEqualTo(2 * EventType.values().length);
    }

    @Test
    void answersAnUnknownOrUnsafeNameWith404() {
        given().get("/schemas/events/kam.nothing.v9.json").then().statusCode(404).contentType("application/problem+json");
        given().get("/schemas/events/..%2F..%2Fapplication.properties").then().statusCode(404);
    }
}
