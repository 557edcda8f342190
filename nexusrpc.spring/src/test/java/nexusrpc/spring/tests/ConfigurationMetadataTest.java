package nexusrpc.spring.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;
import nexusrpc.spring.NexusHandlerProperties;
import nexusrpc.spring.NexusHttpProperties;
import nexusrpc.spring.NexusTemporalProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The metadata IDEs complete {@code nexus.*} properties from (written by Spring Boot's configuration processor at
 * compile time): every property of the records is described, with its default.
 */
class ConfigurationMetadataTest {
    private static Map<String, JsonNode> properties() throws Exception {
        try (InputStream in = NexusHttpProperties.class.getClassLoader()
                .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the configuration processor ran").isNotNull();
            Map<String, JsonNode> byName = new HashMap<>();
            new ObjectMapper().readTree(in).get("properties").forEach(p -> byName.put(p.get("name").asText(), p));
            return byName;
        }
    }

    @Test
    void everyPropertyOfTheRecordsIsDescribed() throws Exception {
        Map<String, JsonNode> metadata = properties();
        for (Class<?> type : new Class<?>[] {
            NexusHandlerProperties.class, NexusHttpProperties.class, NexusTemporalProperties.class}) {
            String prefix = type.getAnnotation(ConfigurationProperties.class).value();
            for (RecordComponent c : type.getRecordComponents()) {
                if (c.getType().isRecord()) {
                    for (RecordComponent nested : c.getType().getRecordComponents()) {
                        assertDescribed(metadata, prefix + "." + kebab(c.getName()) + "." + kebab(nested.getName()));
                    }
                } else {
                    assertDescribed(metadata, prefix + "." + kebab(c.getName()));
                }
            }
        }
    }

    @Test
    void defaultsAreListed() throws Exception {
        Map<String, JsonNode> metadata = properties();
        assertThat(metadata.get("nexus.http.port").get("defaultValue").asInt()).isEqualTo(8090);
        assertThat(metadata.get("nexus.http.host").get("defaultValue").asText()).isEqualTo("127.0.0.1");
        assertThat(metadata.get("nexus.http.drain-timeout").get("defaultValue").asText()).isEqualTo("10s");
        assertThat(metadata.get("nexus.http.max-body-size").get("defaultValue").asText()).isEqualTo("4MB");
        assertThat(metadata.get("nexus.http.enabled").get("defaultValue").asBoolean()).isFalse();
        assertThat(metadata.get("nexus.temporal.shutdown-timeout").get("defaultValue").asText()).isEqualTo("20s");
    }

    private static void assertDescribed(Map<String, JsonNode> metadata, String name) {
        assertThat(metadata).containsKey(name);
        assertThat(metadata.get(name).path("description").asText()).as(name).isNotBlank().doesNotContain("{@");
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
