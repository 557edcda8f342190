package docs.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown file as the snippet check reads it: its fenced code blocks, each with the {@code <!-- snippet: ... -->}
 * comment right before it, and the file's own {@code <!-- snippets: ... -->} settings.
 *
 * @param name the file, as reports name it
 * @param blocks every fenced code block, in order
 * @param settings the text of every {@code <!-- snippets: ... -->} comment of the file, in order
 */
record MarkdownDoc(String name, List<CodeBlock> blocks, List<String> settings) {
    private static final Pattern FENCE = Pattern.compile("^( {0,3}|\\s*)(`{3,}|~{3,})\\s*([^`\\s]*)[^`]*$");
    private static final Pattern BLOCK_DIRECTIVE = Pattern.compile("^\\s*<!--\\s*snippet:\\s*(.*?)\\s*-->\\s*$");
    private static final Pattern FILE_DIRECTIVE = Pattern.compile("^\\s*<!--\\s*snippets:\\s*(.*?)\\s*-->\\s*$");

    /** Reads {@code text}, the content of the file {@code name}. */
    static MarkdownDoc parse(String name, String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        List<CodeBlock> blocks = new ArrayList<>();
        List<String> settings = new ArrayList<>();
        String pending = "";
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher file = FILE_DIRECTIVE.matcher(line);
            if (file.matches()) {
                settings.add(file.group(1));
                continue;
            }
            Matcher directive = BLOCK_DIRECTIVE.matcher(line);
            if (directive.matches()) {
                pending = directive.group(1);
                continue;
            }
            Matcher open = FENCE.matcher(line);
            if (!open.matches()) {
                if (!line.isBlank()) {
                    pending = ""; // a directive applies to the block right after it (blank lines between are fine)
                }
                continue;
            }
            String indent = open.group(1);
            String fence = open.group(2);
            int fenceLine = i + 1;
            List<String> body = new ArrayList<>();
            for (i++; i < lines.length; i++) {
                String l = lines[i];
                if (l.strip().startsWith(fence) && l.strip().replace(fence.substring(0, 1), "").isEmpty()) {
                    break;
                }
                body.add(l.startsWith(indent) ? l.substring(indent.length()) : l.stripLeading());
            }
            blocks.add(new CodeBlock(name, fenceLine, open.group(3).toLowerCase(Locale.ROOT), List.copyOf(body),
                    pending));
            pending = "";
        }
        return new MarkdownDoc(name, List.copyOf(blocks), List.copyOf(settings));
    }

    /**
     * The value of setting {@code key} ({@code <!-- snippets: key value, key2 value2 -->}), the last one given, or
     * {@code fallback}.
     */
    String setting(String key, String fallback) {
        String value = fallback;
        for (String s : settings) {
            String v = Directives.value(s, key);
            if (v != null) {
                value = v;
            }
        }
        return value;
    }
}
