package dev.steepest.examples.book;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Markdown page of the book, read into its fenced blocks (each with the HTML comment that
 * stands right above it, if any), its links and its headings.
 */
record Page(Path file, String name, List<String> lines, List<Block> blocks) {

    /**
     * A fenced block: its info string ({@code java}, {@code text}, {@code console}, …), the lines
     * between the fences, the 0-based line numbers of its fences, and the note above it (the text
     * of an {@code <!-- ... -->} comment on the nearest non-blank line before the opening fence).
     */
    record Block(String info, List<String> body, int open, int close, int indent, String note) {
        /** @return the body as text, every line ended by a newline */
        String text() {
            StringBuilder text = new StringBuilder();
            body.forEach(l -> text.append(l).append('\n'));
            return text.toString();
        }

        /** @return "page.md:LINE" of the opening fence, 1-based, for messages */
        String where(Page page) {
            return page.name() + ":" + (open + 1);
        }
    }

    private static final Pattern NOTE = Pattern.compile("^\\s*<!--\\s*(.*?)\\s*-->\\s*$");
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

    static Page read(Path file) throws IOException {
        List<String> lines = List.of(Files.readString(file).split("\n", -1));
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().startsWith("```")) {
                continue;
            }
            int open = i;
            int indent = lines.get(i).indexOf("```");   // a block inside a list item is indented
            String info = lines.get(i).strip().substring(3).trim();
            int close = open + 1;
            while (close < lines.size() && !lines.get(close).strip().equals("```")) {
                close++;
            }
            if (close == lines.size()) {
                throw new AssertionError(file.getFileName() + ":" + (open + 1) + ": the fenced block opened here is never closed with ```");
            }
            List<String> body = lines.subList(open + 1, close).stream()
                    .map(l -> l.length() >= indent && l.substring(0, indent).isBlank() ? l.substring(indent) : l.stripLeading()).toList();
            blocks.add(new Block(info, body, open, close, indent, noteAbove(lines, open)));
            i = close;
        }
        return new Page(file, file.getFileName().toString(), lines, blocks);
    }

    private static String noteAbove(List<String> lines, int open) {
        for (int i = open - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                Matcher note = NOTE.matcher(lines.get(i));
                return note.matches() ? note.group(1) : null;
            }
        }
        return null;
    }

    /** @return the block that follows {@code block} on the page, or null */
    Block next(Block block) {
        int i = blocks.indexOf(block);
        return i + 1 < blocks.size() ? blocks.get(i + 1) : null;
    }

    /** @return the line numbers (0-based) that lie outside every fenced block */
    private List<Integer> proseLines() {
        List<Integer> prose = new ArrayList<>();
        int b = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (b < blocks.size() && i >= blocks.get(b).open()) {
                i = blocks.get(b++).close();
                continue;
            }
            prose.add(i);
        }
        return prose;
    }

    /** A link or image target as written, and the 1-based line it is on. */
    record Link(String target, int line) {
    }

    /** @return every link and image target in the prose (not in code blocks or `inline code`) */
    List<Link> links() {
        List<Link> links = new ArrayList<>();
        for (int i : proseLines()) {
            Matcher link = LINK.matcher(lines.get(i).replaceAll("`[^`]*`", ""));
            while (link.find()) {
                links.add(new Link(link.group(1), i + 1));
            }
        }
        return links;
    }

    /** @return the anchors GitHub makes of this page's headings */
    Set<String> anchors() {
        Set<String> anchors = new HashSet<>();
        for (int i : proseLines()) {
            Matcher heading = HEADING.matcher(lines.get(i));
            if (heading.matches()) {
                anchors.add(anchor(heading.group(1)));
            }
        }
        return anchors;
    }

    /** GitHub's rule: lower case, punctuation dropped (but - and _), each space a hyphen. */
    static String anchor(String heading) {
        String plain = heading.replaceAll("`", "").replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    /** @return the page's text with the bodies of some blocks replaced */
    String withBodies(java.util.Map<Block, List<String>> bodies) {
        List<String> out = new ArrayList<>(lines);
        List<Block> bottomUp = new ArrayList<>(bodies.keySet());
        bottomUp.sort((a, b) -> Integer.compare(b.open(), a.open()));
        for (Block block : bottomUp) {
            out.subList(block.open() + 1, block.close()).clear();
            String indent = " ".repeat(block.indent());
            out.addAll(block.open() + 1, bodies.get(block).stream().map(l -> l.isEmpty() ? l : indent + l).toList());
        }
        return String.join("\n", out);
    }
}
