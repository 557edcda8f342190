package nexusrpc.http.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import nexusrpc.api.Link;

/**
 * {@code Nexus-Link} values in RFC 8288 syntax: {@code <uri>; type="a.b.C"}, several per header separated by
 * commas, parameters as tokens or quoted strings. Commas inside {@code <...>} or quotes do not split links.
 */
public final class LinkHeaders {
    private LinkHeaders() {}

    /** Formats one link; the type is always quoted. */
    public static String format(Link link) {
        StringBuilder sb = new StringBuilder(link.uri().toString().length() + link.type().length() + 12);
        sb.append('<').append(link.uri().toASCIIString()).append(">; type=\"");
        for (int i = 0; i < link.type().length(); i++) {
            char c = link.type().charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    /**
     * Parses every link of every header value.
     *
     * @throws IllegalArgumentException saying which link is malformed and why
     */
    public static List<Link> parse(List<String> values) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        List<Link> links = new ArrayList<>(values.size());
        for (String value : values) {
            new Parser(value, links).parseAll();
        }
        return links;
    }

    /** A cursor over one header value. */
    private static final class Parser {
        private final String s;
        private final List<Link> out;
        private int i;

        Parser(String s, List<Link> out) {
            this.s = s;
            this.out = out;
        }

        void parseAll() {
            skipSpaces();
            if (i == s.length()) {
                throw bad("the value is empty");
            }
            while (true) {
                parseOne();
                skipSpaces();
                if (i == s.length()) {
                    return;
                }
                if (s.charAt(i) != ',') {
                    throw bad("expected ',' or ';' at position " + i);
                }
                i++;
                skipSpaces();
            }
        }

        private void parseOne() {
            if (i >= s.length() || s.charAt(i) != '<') {
                throw bad("a link must start with '<'");
            }
            int end = s.indexOf('>', i + 1);
            if (end < 0) {
                throw bad("missing '>' after the URI");
            }
            String uriText = s.substring(i + 1, end).trim();
            i = end + 1;
            if (uriText.isEmpty()) {
                throw bad("the URI is empty");
            }
            URI uri;
            try {
                uri = new URI(uriText);
            } catch (URISyntaxException e) {
                throw bad("\"" + uriText + "\" is not a valid URI (" + e.getReason() + ")");
            }
            String type = null;
            while (true) {
                skipSpaces();
                if (i >= s.length() || s.charAt(i) != ';') {
                    break;
                }
                i++;
                skipSpaces();
                String name = token();
                if (name.isEmpty()) {
                    throw bad("a parameter name is missing after ';'");
                }
                skipSpaces();
                String value = "";
                if (i < s.length() && s.charAt(i) == '=') {
                    i++;
                    skipSpaces();
                    value = i < s.length() && s.charAt(i) == '"' ? quoted() : token();
                }
                if (name.equalsIgnoreCase("type")) {
                    type = value;
                }
            }
            if (type == null || type.isEmpty()) {
                throw bad("the link to " + uriText + " has no type parameter: add ; type=\"...\"");
            }
            out.add(new Link(uri, type));
        }

        private String token() {
            int start = i;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == ';' || c == ',' || c == '=' || c == '"' || c == ' ' || c == '\t') {
                    break;
                }
                i++;
            }
            return s.substring(start, i);
        }

        private String quoted() {
            StringBuilder sb = new StringBuilder();
            i++; // opening quote
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\' && i < s.length()) {
                    c = s.charAt(i++);
                }
                sb.append(c);
            }
            throw bad("a quoted parameter value is not closed");
        }

        private void skipSpaces() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
        }

        private IllegalArgumentException bad(String why) {
            return new IllegalArgumentException("invalid Nexus-Link header \"" + s + "\": " + why);
        }
    }
}
