package docs.tests;

import java.util.List;

/**
 * The settings written in {@code <!-- snippet: ... -->} and {@code <!-- snippets: ... -->} comments: items
 * separated by {@code ;}, each a key and its value ({@code package com.example.echo; context ReadmeContext}).
 */
final class Directives {
    /** The keys a comment may use; anything else is a mistake the check reports. */
    static final List<String> KEYS = List.of("package", "context", "not compiled");

    private Directives() {}

    /** The value of {@code key} in {@code directive}, or null; a key without value has the value "". */
    static String value(String directive, String key) {
        for (String item : directive.split(";")) {
            String it = item.strip();
            if (it.equals(key)) {
                return "";
            }
            if (it.startsWith(key + " ") || it.startsWith(key + ":")) {
                String v = it.substring(key.length()).strip();
                return v.startsWith(":") ? v.substring(1).strip() : v;
            }
        }
        return null;
    }

    /** The first item of {@code directive} whose key is not one of {@link #KEYS}, or null. */
    static String unknownItem(String directive) {
        for (String item : directive.split(";")) {
            String it = item.strip();
            if (!it.isEmpty() && KEYS.stream().noneMatch(k -> it.equals(k) || it.startsWith(k + " ")
                    || it.startsWith(k + ":"))) {
                return it;
            }
        }
        return null;
    }
}
