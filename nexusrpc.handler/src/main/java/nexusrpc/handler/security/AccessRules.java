package nexusrpc.handler.security;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import nexusrpc.api.handler.CallerPrincipal;

/**
 * A {@link CallerAuthorizer} from an allow-list: a request is allowed when some rule names its caller (by principal
 * name), service, operation and verb; everything else is refused. {@value #ANY} matches any name.
 *
 * <pre>{@code
 * AccessRules rules = AccessRules.builder()
 *         .allow("billing", "Payments", AccessRules.ANY)                         // every verb of every operation
 *         .allow("auditor", "Payments", "charge", OperationVerb.FETCH_INFO)     // one verb of one operation
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; rules are checked in order, at most a few string comparisons each.
 */
public final class AccessRules implements CallerAuthorizer {
    /** Matches any caller, service or operation name. */
    public static final String ANY = "*";

    private final List<Rule> rules;

    private AccessRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** A builder with no rules (which refuses everything). */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean isAllowed(CallerPrincipal caller, String service, String operation, OperationVerb verb) {
        for (Rule r : rules) {
            if (r.matches(caller.name(), service, operation, verb)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "AccessRules" + rules;
    }

    /** One allow rule. */
    private record Rule(String caller, String service, String operation, Set<OperationVerb> verbs) {
        boolean matches(String c, String s, String o, OperationVerb v) {
            return verbs.contains(v) && matches(caller, c) && matches(service, s) && matches(operation, o);
        }

        private static boolean matches(String pattern, String value) {
            return pattern.equals(ANY) || pattern.equals(value);
        }
    }

    /** Builds {@link AccessRules}. Not thread-safe. */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();

        private Builder() {}

        /**
         * Allows {@code caller} (a principal name, or {@link #ANY}) the given verbs (all four when none are given)
         * on {@code operation} of {@code service} (either may be {@link #ANY}).
         */
        public Builder allow(String caller, String service, String operation, OperationVerb... verbs) {
            Set<OperationVerb> v = verbs.length == 0 ? EnumSet.allOf(OperationVerb.class) : EnumSet.of(verbs[0], verbs);
            rules.add(new Rule(Objects.requireNonNull(caller, "caller"), Objects.requireNonNull(service, "service"),
                    Objects.requireNonNull(operation, "operation"), Set.copyOf(v)));
            return this;
        }

        /** The rules. */
        public AccessRules build() {
            return new AccessRules(rules);
        }
    }
}
