package docs.tests;

import java.util.List;

/**
 * One fenced code block of a Markdown file.
 *
 * @param doc the Markdown file, as reports name it (relative to the repository root)
 * @param fenceLine the 1-based line of the opening fence
 * @param language the fence's info string up to the first blank ({@code java}, {@code xml}, empty)
 * @param lines the block's lines, without the fences and without the indentation of the opening fence
 * @param directive the {@code <!-- snippet: ... -->} comment right before the block, or empty
 */
record CodeBlock(String doc, int fenceLine, String language, List<String> lines, String directive) {
    /** The 1-based line in the Markdown file of line {@code index} (0-based) of the block. */
    int docLine(int index) {
        return fenceLine + 1 + index;
    }

    /** Where the block is, as a report names it. */
    String where() {
        return doc + ":" + fenceLine;
    }
}
