package nexusrpc.spring.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.PropertySource;

/**
 * A Spring Boot application that serves {@link Greetings} over Nexus HTTP: the only Nexus code is the contract and
 * the {@code @ServiceImpl} component; the server comes from {@code nexus.http.*} in {@code sample.properties}.
 * Run it with {@code main} (port 8090, or {@code --nexus.http.port=...}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@PropertySource("classpath:nexusrpc/spring/sample/sample.properties")
public class SampleApplication {
    /** Starts the application; stop it with Ctrl-C (the server drains its calls in flight). */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
