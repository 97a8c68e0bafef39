// Prints one line per test suite report found in the build, then the totals, and exits 1 when
// anything failed or when no test ran at all. Run with: java TestSummary.java REPO-ROOT
//
// It reads the JUnit XML that tycho-surefire writes (*/target/surefire-reports/TEST-*.xml) and
// that the kernel's checks write (kernel-sources/build/reports/TEST-*.xml).

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;

public class TestSummary {

    record Suite(String module, String name, int tests, int failures, int errors, int skipped, double seconds) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        List<Suite> suites = new ArrayList<>();
        for (Path report : reports(root)) {
            Element e = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile())
                    .getDocumentElement();
            String module = root.relativize(report).getName(0).toString();
            if (module.equals("bundles") || module.equals("releng") || module.equals("features")) {
                module = root.relativize(report).getName(1).toString();
            }
            suites.add(new Suite(module, e.getAttribute("name"), num(e, "tests"), num(e, "failures"),
                    num(e, "errors"), num(e, "skipped"), dbl(e, "time")));
        }
        int tests = 0, failures = 0, errors = 0, skipped = 0;
        System.out.println();
        System.out.println("Test summary");
        System.out.printf("%-32s %-58s %6s %5s %5s %5s %8s%n", "module", "suite", "tests", "fail", "error", "skip",
                "seconds");
        for (Suite s : suites) {
            System.out.printf("%-32s %-58s %6d %5d %5d %5d %8.1f%n", s.module(), shorten(s.name(), 58), s.tests(),
                    s.failures(), s.errors(), s.skipped(), s.seconds());
            tests += s.tests();
            failures += s.failures();
            errors += s.errors();
            skipped += s.skipped();
        }
        System.out.printf("TOTAL: %d tests in %d suites, %d failures, %d errors, %d skipped%n", tests, suites.size(),
                failures, errors, skipped);
        System.exit(tests == 0 || failures > 0 || errors > 0 ? 1 : 0);
    }

    static List<Path> reports(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root, 6)) {
            return files.filter(p -> p.getFileName().toString().startsWith("TEST-")
                    && p.getFileName().toString().endsWith(".xml")
                    && (p.getParent().endsWith("surefire-reports") || p.getParent().endsWith("build/reports")))
                    .sorted().toList();
        }
    }

    static int num(Element e, String attribute) {
        String v = e.getAttribute(attribute);
        return v.isEmpty() ? 0 : Integer.parseInt(v);
    }

    static double dbl(Element e, String attribute) {
        String v = e.getAttribute(attribute).replace(",", "");
        return v.isEmpty() ? 0 : Double.parseDouble(v);
    }

    static String shorten(String s, int width) {
        return s.length() <= width ? s : "…" + s.substring(s.length() - width + 1);
    }
}
