package nexusrpc.spring.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The sample's own setting, bound from {@code greetings.salutation}. */
@ConfigurationProperties("greetings")
record GreetingProperties(@DefaultValue("Hello") String salutation) {}
