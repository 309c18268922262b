package dev.steepest.coursework;

/**
 * Text from a submission (its file name, its optimizer's name, its messages, what it printed) made
 * safe for each output: every character XML 1.0 does not allow (controls, U+FFFE, U+FFFF, a lone
 * surrogate) becomes U+FFFD, so that the HTML page and the JUnit XML always parse; markup
 * characters are escaped; in Markdown, HTML, link and emphasis characters are escaped and line
 * breaks become spaces, so that a name can neither inject a tag nor split a table row.
 */
final class Markup {

    private Markup() {
    }

    /** @return {@code text} with every character outside XML 1.0's {@code Char} production replaced by U+FFFD */
    static String xmlChars(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || (c >= 0x10000 && c <= 0x10FFFF);
            b.appendCodePoint(allowed ? c : 0xFFFD);   // a lone surrogate is returned as itself by codePointAt: replaced too
        }
        return b.toString();
    }

    /** @return text for an XML or XHTML element or attribute: allowed characters only, markup escaped */
    static String xml(String text) {
        return xmlChars(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;").replace("\r", "&#13;").replace("\n", "&#10;");
    }

    /** @return text for one cell of a Markdown table: one line, no HTML, no links or emphasis, no column breaks */
    static String markdown(String text) {
        String oneLine = xmlChars(text).replaceAll("[\\r\\n\\t\\u0085\\u2028\\u2029]+", " ");
        StringBuilder b = new StringBuilder();
        for (char c : oneLine.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '|', '\\', '`', '*', '_', '[', ']', '~' -> b.append('\\').append(c);   // no link, image, emphasis or column break
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
