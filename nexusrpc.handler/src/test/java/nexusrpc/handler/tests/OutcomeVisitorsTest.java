package nexusrpc.handler.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import nexusrpc.handler.transport.CancelOutcome;
import nexusrpc.handler.transport.FetchInfoOutcome;
import nexusrpc.handler.transport.FetchResultOutcome;
import nexusrpc.handler.transport.StartOutcome;
import org.junit.jupiter.api.Test;

/**
 * Transports handle outcomes through visitors, so the compiler checks that every variant is handled: a new
 * variant gets a visitor method, and every transport's visitor stops compiling until it handles it. This test
 * guards the other half: a variant added to a sealed outcome without its visitor method fails here.
 */
class OutcomeVisitorsTest {
    @Test
    void everyVariantOfEveryOutcomeHasExactlyOneVisitorMethod() {
        for (Class<?> outcome : List.of(StartOutcome.class, FetchInfoOutcome.class, FetchResultOutcome.class,
                CancelOutcome.class)) {
            Class<?> visitor = Arrays.stream(outcome.getDeclaredClasses())
                    .filter(c -> c.getSimpleName().equals("Visitor")).findFirst().orElseThrow();
            Set<String> variants = Arrays.stream(outcome.getPermittedSubclasses()).map(Class::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> visited = new TreeSet<>();
            for (Method m : visitor.getDeclaredMethods()) {
                assertEquals(1, m.getParameterCount(), m::toString);
                assertTrue(visited.add(m.getParameterTypes()[0].getName()), () -> "two methods visit " + m);
            }
            assertEquals(variants, visited, outcome.getSimpleName() + ".Visitor must visit every permitted variant");
        }
    }
}
