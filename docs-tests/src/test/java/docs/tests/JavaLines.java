package docs.tests;

import java.util.List;

/**
 * The lexical facts the snippet check needs about Java lines: the nesting depth of brackets at the start of each
 * line and whether a line ends a declaration or statement, with strings, character literals, text blocks and comments
 * skipped. Not a parser: enough to cut a fragment into its members and statements.
 */
final class JavaLines {
    private final int[] depthAtStart;
    private final int[] depthAtEnd;
    private final boolean[] commentOnly;

    JavaLines(List<String> lines) {
        depthAtStart = new int[lines.size()];
        depthAtEnd = new int[lines.size()];
        commentOnly = new boolean[lines.size()];
        int depth = 0;
        boolean blockComment = false;
        boolean textBlock = false;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            depthAtStart[n] = depth;
            boolean code = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (blockComment) {
                    if (line.startsWith("*/", i)) {
                        blockComment = false;
                        i++;
                    }
                } else if (textBlock) {
                    code = true;
                    if (line.startsWith("\"\"\"", i)) {
                        textBlock = false;
                        i += 2;
                    } else if (c == '\\') {
                        i++;
                    }
                } else if (line.startsWith("//", i)) {
                    break;
                } else if (line.startsWith("/*", i)) {
                    blockComment = true;
                    i++;
                } else if (line.startsWith("\"\"\"", i)) {
                    textBlock = true;
                    code = true;
                    i += 2;
                } else if (c == '"' || c == '\'') {
                    code = true;
                    for (i++; i < line.length() && line.charAt(i) != c; i++) {
                        if (line.charAt(i) == '\\') {
                            i++;
                        }
                    }
                } else {
                    if (!Character.isWhitespace(c)) {
                        code = true;
                    }
                    if (c == '{' || c == '(' || c == '[') {
                        depth++;
                    } else if (c == '}' || c == ')' || c == ']') {
                        depth--;
                    }
                }
            }
            depthAtEnd[n] = depth;
            commentOnly[n] = !code;
        }
    }

    /** The bracket depth at the start of line {@code n}. */
    int depthAtStart(int n) {
        return depthAtStart[n];
    }

    /** Whether line {@code n} is blank or holds only comments. */
    boolean commentOnly(int n) {
        return commentOnly[n];
    }

    /**
     * Whether line {@code n} completes a declaration or statement: all brackets closed at its end and its code ends
     * with {@code ;} or {@code }}.
     */
    boolean completes(int n, String line) {
        if (depthAtEnd[n] != 0) {
            return false;
        }
        String code = withoutLineComment(line).strip();
        return code.endsWith(";") || code.endsWith("}");
    }

    private static String withoutLineComment(String line) {
        boolean inString = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' && (i == 0 || line.charAt(i - 1) != '\\')) {
                inString = !inString;
            } else if (!inString && line.startsWith("//", i)) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
