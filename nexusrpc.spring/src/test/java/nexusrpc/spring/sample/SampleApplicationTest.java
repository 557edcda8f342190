package nexusrpc.spring.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import nexusrpc.http.NexusHttpClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Runs the sample as its main method does, calls it over HTTP, and checks that the guide shows this code. */
class SampleApplicationTest {
    @Test
    void theSampleServesItsComponentOverHttp() throws Exception {
        try (ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class,
                "--nexus.http.port=0", "--greetings.salutation=Hi", "--spring.main.banner-mode=off",
                "--spring.main.log-startup-info=false")) {
            int port = context.getEnvironment().getRequiredProperty("local.nexus.http.port", Integer.class);
            NexusHttpClient http = NexusHttpClient.create(URI.create("http://127.0.0.1:" + port + "/nexus/"));
            assertThat(http.client(Greetings.class).execute(Greetings::greet, "Ada").text()).isEqualTo("Hi, Ada!");
        }
    }

    @Test
    void theGuideShowsTheSample() throws Exception {
        String guide = Files.readString(Path.of("..", "docs", "spring-boot.md"));
        Path sources = Path.of("src", "test", "java", "nexusrpc", "spring", "sample");
        for (String file : new String[] {"Greetings.java", "GreetingsImpl.java", "SampleApplication.java"}) {
            String code = Files.readString(sources.resolve(file));
            // everything after the package line, as the guide shows it
            assertThat(guide).as(file).contains(code.substring(code.indexOf('\n') + 1).strip());
        }
        assertThat(guide).contains(Files.readString(
                Path.of("src", "test", "resources", "nexusrpc", "spring", "sample", "sample.properties")).strip());
    }
}
