package dev.kam.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The AsyncAPI document is written by hand; this keeps it in step with the code. */
class AsyncApiDocumentTest {

    private final JsonNode asyncApi = read();

    @Test
    void listsEveryEventTypeOnItsTopic() {
        for (EventType type : EventType.values()) {
            JsonNode channel = channelOf(type.topic());
            assertThat(channel.path("messages").has(type.ceType())).as(type.ceType() + " on " + type.topic()).isTrue();
            assertThat(asyncApi.at("/components/messages").path(type.ceType()).at("/payload/$ref").asText())
                    .isEqualTo("./" + type.schemaPath());
        }
    }

    @Test
    void listsEveryTopicTheServicesCreateWithItsPartitions() {
        for (Topics.TopicSpec topic : Topics.platformTopics()) {
            if (topic.name().endsWith(".dlq")) {
                assertThat(asyncApi.at("/channels/dead_letters/address").asText()).isEqualTo("kam.{service}.dlq");
                continue;
            }
            JsonNode channel = channelOf(topic.name());
            assertThat(channel.at("/bindings/kafka/partitions").asInt()).isEqualTo(topic.partitions());
        }
    }

    @Test
    void namesNoMessageThatIsNotAnEventType() {
        Set<String> documented = new HashSet<>();
        asyncApi.at("/components/messages").fieldNames().forEachRemaining(documented::add);
        assertThat(documented).allSatisfy(name -> assertThat(EventType.ofCeType(name)).isPresent());
    }

    private JsonNode channelOf(String topic) {
        for (JsonNode channel : asyncApi.path("channels")) {
            if (channel.path("address").asText().equals(topic)) {
                return channel;
            }
        }
        throw new AssertionError("no channel for " + topic);
    }

    private static JsonNode read() {
        try (InputStream in = AsyncApiDocumentTest.class.getClassLoader().getResourceAsStream(EventSchemas.CLASSPATH_FOLDER + "asyncapi.yaml")) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
