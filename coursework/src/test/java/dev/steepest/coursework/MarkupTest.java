package dev.steepest.coursework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

class MarkupTest {
    static final String HOSTILE = "a\uFFFEb\uFFFFc\u0000d\u001Be\uD800f<script>alert('x')</script> & \"q\"\n| [x](y) ![i](j) *e* _u_ `c`";

    @Test
    void everyCharacterXmlDoesNotAllowBecomesTheReplacementCharacter() {
        assertEquals("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf", Markup.xmlChars("a\uFFFEb\uFFFFc\u0000d\u001Be\uD800f"));
        assertEquals("tab\tand\nline, \uD83D\uDE00 kept", Markup.xmlChars("tab\tand\nline, \uD83D\uDE00 kept"));
    }

    @Test
    void escapedTextParsesAsXmlInAnElementAndInAnAttribute() throws Exception {
        String doc = "<r a=\"" + Markup.xml(HOSTILE) + "\">" + Markup.xml(HOSTILE) + "</r>";
        var root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        String expected = "a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf<script>alert('x')</script> & \"q\"\n| [x](y) ![i](j) *e* _u_ `c`";
        assertEquals(expected, root.getTextContent());
        assertEquals(expected, root.getAttribute("a"));
    }

    @Test
    void aMarkdownCellIsOneLineWithoutHtmlLinksOrColumnBreaks() {
        String cell = Markup.markdown(HOSTILE);
        assertFalse(cell.contains("\n") || cell.contains("<") || cell.contains("\uFFFE"), cell);
        assertEquals("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf&lt;script&gt;alert('x')&lt;/script&gt; &amp; \"q\" \\| \\[x\\](y) "
                + "!\\[i\\](j) \\*e\\* \\_u\\_ \\`c\\`", cell);
    }
}
