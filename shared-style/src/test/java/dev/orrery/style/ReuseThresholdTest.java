package dev.orrery.style;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reuse threshold, checked: every file shared-style ships under orrery/style
 * and orrery/widgets is claimed by a record in docs/reuse/, and every record
 * answers the four questions, names owners and links tests that exist.
 */
class ReuseThresholdTest {

    private static final Path SOURCES = TestPaths.moduleDir().resolve("src/main/resources/META-INF/resources/orrery");
    private static final Path RECORDS = TestPaths.repoRoot().resolve("docs/reuse");
    private static final Pattern FILES_LINE = Pattern.compile("(?m)^Files:(.*)$");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#]+)\\)");

    private static List<String> sharedFiles() throws IOException {
        List<String> files = new ArrayList<>();
        for (String dir : List.of("style", "widgets")) {
            try (Stream<Path> s = Files.list(SOURCES.resolve(dir))) {
                s.map(p -> dir + "/" + p.getFileName()).sorted().forEach(files::add);
            }
        }
        return files;
    }

    private static List<Path> records() throws IOException {
        try (Stream<Path> s = Files.list(RECORDS)) {
            return s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
    }

    private static List<String> claimed(String record) {
        List<String> claimed = new ArrayList<>();
        Matcher line = FILES_LINE.matcher(record);
        while (line.find()) {
            Matcher code = CODE.matcher(line.group(1));
            while (code.find()) {
                claimed.add(code.group(1));
            }
        }
        return claimed;
    }

    @Test
    void everySharedComponentHasARecord() throws IOException {
        assertTrue(Files.isRegularFile(TestPaths.repoRoot().resolve("docs/reuse-threshold.md")), "docs/reuse-threshold.md");
        List<String> claimed = new ArrayList<>();
        for (Path record : records()) {
            claimed.addAll(claimed(Files.readString(record)));
        }
        List<String> missing = new ArrayList<>(sharedFiles());
        missing.removeAll(claimed);
        assertEquals(List.of(), missing, "shared files without a record in docs/reuse/ (add one: see docs/reuse-threshold.md)");
        List<String> stale = new ArrayList<>(claimed);
        stale.removeAll(sharedFiles());
        assertEquals(List.of(), stale, "records claim files that do not exist");
    }

    @Test
    void theFourNamedComponentsHaveTheirRecords() {
        for (String name : List.of("timer", "picker", "iframe-bridge", "style-guide")) {
            assertTrue(Files.isRegularFile(RECORDS.resolve(name + ".md")), "docs/reuse/" + name + ".md");
        }
    }

    @Test
    void everyRecordAnswersTheFourQuestionsNamesOwnersAndLinksExistingTests() throws IOException {
        for (Path record : records()) {
            String text = Files.readString(record);
            String name = record.getFileName().toString();
            for (String heading : List.of("## 1. ", "## 2. ", "## 3. ", "## 4. ", "## Owners", "## Tests", "## Fork rule")) {
                assertTrue(text.contains(heading), name + " lacks '" + heading + "'");
            }
            Matcher owners = Pattern.compile("(?s)## Owners\\s*\\n(.*?)(\\n## |$)").matcher(text);
            assertTrue(owners.find() && owners.group(1).contains("- "), name + " names no owner");
            Matcher tests = Pattern.compile("(?s)## Tests\\s*\\n(.*?)(\\n## |$)").matcher(text);
            assertTrue(tests.find(), name);
            Matcher link = LINK.matcher(tests.group(1));
            int linked = 0;
            while (link.find()) {
                Path target = record.getParent().resolve(link.group(1)).normalize();
                assertTrue(Files.isRegularFile(target), name + " links a missing test: " + link.group(1));
                linked++;
            }
            assertTrue(linked > 0, name + " links no test");
        }
    }
}
