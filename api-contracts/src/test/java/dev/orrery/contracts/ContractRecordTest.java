package dev.orrery.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * The reuse threshold, checked for api-contracts: every contract package is claimed by a record in docs/reuse/
 * (a {@code Packages:} line); the record's four answers, owners and tests are checked with the others by
 * shared-style's ReuseThresholdTest.
 */
class ContractRecordTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path SOURCES = MODULE.resolve("src/main/java/dev/orrery/contracts");
    private static final Path RECORDS = MODULE.getParent().resolve("docs/reuse");
    private static final Pattern PACKAGES_LINE = Pattern.compile("(?m)^Packages:(.*)$");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private static List<String> contractPackages() throws IOException {
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            return dirs.filter(Files::isDirectory).map(d -> "dev.orrery.contracts." + d.getFileName()).sorted().toList();
        }
    }

    private static List<String> claimedPackages() throws IOException {
        List<String> claimed = new ArrayList<>();
        try (Stream<Path> records = Files.list(RECORDS)) {
            for (Path record : records.filter(p -> p.toString().endsWith(".md")).toList()) {
                Matcher line = PACKAGES_LINE.matcher(Files.readString(record));
                while (line.find()) {
                    Matcher code = CODE.matcher(line.group(1));
                    while (code.find()) {
                        claimed.add(code.group(1));
                    }
                }
            }
        }
        return claimed;
    }

    @Test
    void everyContractPackageHasARecord() throws IOException {
        List<String> missing = new ArrayList<>(contractPackages());
        missing.removeAll(claimedPackages());
        assertEquals(List.of(), missing, "contract packages without a record in docs/reuse/ (see docs/reuse-threshold.md)");
    }

    @Test
    void recordsClaimOnlyExistingPackages() throws IOException {
        List<String> stale = new ArrayList<>(claimedPackages());
        stale.removeAll(contractPackages());
        assertEquals(List.of(), stale, "records claim contract packages that do not exist");
    }
}
