package jlink.demo.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nexusrpc.handler.transport.NexusDurations;

/**
 * A parsed command line: positional words and {@code --name value} (or {@code --name=value}) options, checked
 * against the options a command accepts.
 */
final class Args {
    private final List<String> positional = new ArrayList<>();
    private final Map<String, List<String>> options = new HashMap<>();

    private Args() {}

    /**
     * Parses {@code words}.
     *
     * @param accepted the option names (without {@code --}) the command knows
     * @throws UsageException naming an unknown option or an option without value
     */
    static Args parse(List<String> words, Set<String> accepted) throws UsageException {
        Args a = new Args();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.startsWith("--") && w.length() > 2) {
                String name = w.substring(2);
                int eq = name.indexOf('=');
                String value = eq >= 0 ? name.substring(eq + 1) : null;
                name = eq >= 0 ? name.substring(0, eq) : name;
                // the name first: an unknown option is reported as such, wherever it stands
                if (!accepted.contains(name)) {
                    throw new UsageException("unknown option --" + name + (accepted.isEmpty() ? ": this command takes"
                            + " no options" : "; this command takes --" + String.join(", --", sorted(accepted))));
                }
                if (value == null) {
                    if (i + 1 == words.size()) {
                        throw new UsageException("option --" + name + " needs a value: --" + name + " VALUE");
                    }
                    String next = words.get(i + 1);
                    if (next.startsWith("--") && accepted.contains(next.substring(2).split("=", 2)[0])) {
                        throw new UsageException("option --" + name + " needs a value, but " + next
                                + " follows it: --" + name + " VALUE");
                    }
                    value = words.get(++i);
                }
                a.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                a.positional.add(w);
            }
        }
        return a;
    }

    private static List<String> sorted(Set<String> names) {
        List<String> list = new ArrayList<>(names);
        list.sort(null);
        return list;
    }

    List<String> positional() {
        return positional;
    }

    /** The last value of an option, or {@code fallback}. */
    String option(String name, String fallback) {
        List<String> values = options.get(name);
        return values == null ? fallback : values.get(values.size() - 1);
    }

    /** Every value of a repeatable option. */
    List<String> all(String name) {
        return options.getOrDefault(name, List.of());
    }

    /** A {@code NAME=VALUE} option value split in two. */
    static String[] pair(String option, String value) throws UsageException {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            throw new UsageException("--" + option + " takes NAME=VALUE, got \"" + value + "\"");
        }
        return new String[] {value.substring(0, eq), value.substring(eq + 1)};
    }

    /**
     * A duration option in the SDK's one grammar ({@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, {@code 1m30s}),
     * the one the headers it sends use.
     */
    Duration duration(String name, Duration fallback) throws UsageException {
        String v = option(name, null);
        return v == null ? fallback : parseDuration(name, v);
    }

    static Duration parseDuration(String name, String text) throws UsageException {
        Duration d;
        try {
            d = NexusDurations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + name + " takes a duration such as 500ms, 10s, 2m or 1h, got \"" + text
                    + "\"");
        }
        if (d.isNegative()) {
            throw new UsageException("--" + name + " takes a duration that is not negative, got \"" + text + "\"");
        }
        return d;
    }
}
