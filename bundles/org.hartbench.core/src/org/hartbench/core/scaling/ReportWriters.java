package org.hartbench.core.scaling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.hartbench.core.scaling.ConcurrencyChecks.Check;

/**
 * Writes a report three ways: a text table for the terminal, {@code summary.json} for scripts, and
 * JUnit XML (one test case per claim) for CI systems. JSON and XML are written by hand, so the
 * harness needs no library; {@link #json(String)} and {@link #xml(String)} escape every string.
 */
public final class ReportWriters {

    public static final String SUMMARY_JSON = "summary.json";
    public static final String TABLE_TXT = "table.txt";

    private ReportWriters() {
    }

    /** The JUnit report's file name for a demo, e.g. TEST-scale-process.xml. */
    public static String junitFileName(ScaleDemo demo) {
        return "TEST-scale-" + demo.guestName + ".xml";
    }

    static void writeAll(ScaleReport report, Path dir) throws IOException {
        Files.writeString(dir.resolve(TABLE_TXT), table(report), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(SUMMARY_JSON), summaryJson(report), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(junitFileName(report.options().demo())), junitXml(report), StandardCharsets.UTF_8);
    }

    /** The terminal table: one line per run, then the speedups and the claims. */
    public static String table(ScaleReport report) {
        ScaleOptions o = report.options();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s on %s (%s), time base: %s, boot args: manifest=%s %s%n", o.demo().manifest,
                o.backend().label(), o.backend() == ScaleBackend.QEMU ? "MTTCG" : o.mode().name().toLowerCase(Locale.ROOT),
                o.timeBase(), o.demo().manifest, o.extraArgs()));
        sb.append(String.format("%4s %3s %7s %8s %18s %10s %10s %9s  %s%n", "cpus", "run", "workers", "count",
                "checksum", "ticks", "time [s]", "wall [s]", "verdict"));
        for (ScaleRun r : report.runs()) {
            ScaleResultLine l = r.result();
            sb.append(String.format("%4d %3d %7s %8s %18s %10s %10s %9.2f  %s%n", r.cpus(), r.repeat(),
                    l == null ? "-" : Integer.toString(l.workers()), l == null ? "-" : Long.toString(l.count()),
                    l == null ? "-" : String.format("0x%016x", l.checksum()), l == null ? "-" : Long.toString(l.ticks()),
                    l == null ? "-" : String.format("%.4f", r.seconds()), r.wallNanos() / 1e9, runVerdict(r)));
        }
        sb.append(String.format("%nspeedup against 1 CPU (median ticks of accepted runs, %s):%n", o.timeBase()));
        for (ScaleReport.Row row : report.rows()) {
            sb.append(String.format("  %2d CPUs: %d accepted, %d rejected, median ticks %s, speedup %s%n", row.cpus(),
                    row.accepted(), row.rejected(), row.medianTicks() < 0 ? "-" : Long.toString(row.medianTicks()),
                    Double.isNaN(row.speedup()) ? "-" : String.format("%.3fx", row.speedup())));
        }
        sb.append(String.format("%nclaims:%n"));
        for (ScaleClaim c : report.claims()) {
            sb.append(String.format("  %-5s %s%n        %s%n", c.gating() ? (c.passed() ? "PASS" : "FAIL") : "INFO",
                    c.name(), c.message()));
        }
        if (o.backend() == ScaleBackend.QEMU) {
            sb.append(String.format("%nconcurrency checks: not run (QEMU has no Hartbench trace device, so the kernel"
                    + " records no trace)%n"));
        }
        return sb.toString();
    }

    private static String runVerdict(ScaleRun r) {
        if (r.accepted()) {
            StringBuilder sb = new StringBuilder("ok");
            for (Check c : r.checks()) {
                if (c.verdict() == ConcurrencyChecks.Verdict.PASS) {
                    sb.append(", ").append(c.name()).append(" ok");
                }
            }
            return sb.toString();
        }
        return "REJECTED: " + String.join("; ", r.reasons());
    }

    /** summary.json: options, every run, the speedup rows and the claims. */
    public static String summaryJson(ScaleReport report) {
        ScaleOptions o = report.options();
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"demo\": ").append(json(o.demo().manifest)).append(",\n");
        sb.append("  \"backend\": ").append(json(o.backend().label())).append(",\n");
        sb.append("  \"mode\": ").append(json(o.mode().name().toLowerCase(Locale.ROOT))).append(",\n");
        sb.append("  \"timeBase\": ").append(json(o.timeBase())).append(",\n");
        sb.append("  \"bootArgs\": ").append(json(("manifest=" + o.demo().manifest + " " + o.extraArgs()).trim()))
                .append(",\n");
        sb.append("  \"kernel\": ").append(json(o.kernelElf().toString())).append(",\n");
        sb.append("  \"repeats\": ").append(o.repeats()).append(",\n");
        sb.append("  \"threshold1to2\": ").append(number(ScaleReport.THRESHOLD_1_TO_2)).append(",\n");
        sb.append("  \"passed\": ").append(report.passed()).append(",\n");
        sb.append("  \"runs\": [");
        String sep = "\n";
        for (ScaleRun r : report.runs()) {
            ScaleResultLine l = r.result();
            sb.append(sep).append("    {\"cpus\": ").append(r.cpus()).append(", \"repeat\": ").append(r.repeat());
            if (l != null) {
                sb.append(", \"workers\": ").append(l.workers()).append(", \"count\": ").append(l.count())
                        .append(", \"checksum\": ").append(json(String.format("0x%016x", l.checksum())))
                        .append(", \"t0\": ").append(l.t0()).append(", \"t1\": ").append(l.t1())
                        .append(", \"ticks\": ").append(l.ticks()).append(", \"timebase\": ").append(json(l.timebase()))
                        .append(", \"seconds\": ").append(number(r.seconds()));
            }
            sb.append(", \"wallSeconds\": ").append(number(r.wallNanos() / 1e9));
            sb.append(", \"verified\": ").append(r.verified()).append(", \"accepted\": ").append(r.accepted());
            sb.append(", \"outcome\": ").append(json(r.outcome()));
            sb.append(", \"traced\": ").append(r.traced()).append(", \"traceRecords\": ").append(r.traceRecords())
                    .append(", \"lostRecords\": ").append(r.lostRecords());
            sb.append(", \"checks\": [");
            String csep = "";
            for (Check c : r.checks()) {
                sb.append(csep).append("{\"name\": ").append(json(c.name())).append(", \"verdict\": ")
                        .append(json(c.verdict().name().toLowerCase(Locale.ROOT))).append(", \"message\": ")
                        .append(json(c.message())).append('}');
                csep = ", ";
            }
            sb.append("], \"reasons\": [");
            csep = "";
            for (String why : r.reasons()) {
                sb.append(csep).append(json(why));
                csep = ", ";
            }
            sb.append("], \"consoleLog\": ").append(json(r.consoleLog().toString()));
            sb.append(", \"traceFile\": ").append(r.traceFile() == null ? "null" : json(r.traceFile().toString()));
            sb.append('}');
            sep = ",\n";
        }
        sb.append("\n  ],\n  \"speedups\": [");
        sep = "\n";
        for (ScaleReport.Row row : report.rows()) {
            sb.append(sep).append("    {\"cpus\": ").append(row.cpus()).append(", \"accepted\": ").append(row.accepted())
                    .append(", \"rejected\": ").append(row.rejected()).append(", \"medianTicks\": ")
                    .append(row.medianTicks() < 0 ? "null" : Long.toString(row.medianTicks()))
                    .append(", \"medianWallSeconds\": ")
                    .append(row.medianWallNanos() < 0 ? "null" : number(row.medianWallNanos() / 1e9))
                    .append(", \"speedup\": ").append(number(row.speedup())).append('}');
            sep = ",\n";
        }
        sb.append("\n  ],\n  \"claims\": [");
        sep = "\n";
        for (ScaleClaim c : report.claims()) {
            sb.append(sep).append("    {\"name\": ").append(json(c.name())).append(", \"gating\": ").append(c.gating())
                    .append(", \"cpus\": ").append(c.cpus()).append(", \"threshold\": ").append(number(c.threshold()))
                    .append(", \"speedup\": ").append(number(c.speedup())).append(", \"passed\": ").append(c.passed())
                    .append(", \"message\": ").append(json(c.message())).append('}');
            sep = ",\n";
        }
        sb.append("\n  ]\n}\n");
        return sb.toString();
    }

    /** JUnit XML in the surefire shape: one testsuite, one testcase per claim. */
    public static String junitXml(ScaleReport report) {
        ScaleOptions o = report.options();
        long failures = report.claims().stream().filter(c -> c.gating() && !c.passed()).count();
        double seconds = report.runs().stream().mapToLong(ScaleRun::wallNanos).sum() / 1e9;
        String suite = "scale." + o.demo().guestName;
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append(String.format(Locale.ROOT, "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\" time=\"%.3f\">%n",
                xml(suite), report.claims().size(), failures, seconds));
        sb.append("  <properties>\n");
        property(sb, "backend", o.backend().label());
        property(sb, "mode", o.mode().name().toLowerCase(Locale.ROOT));
        property(sb, "timeBase", o.timeBase());
        property(sb, "cpus", o.cpus().toString());
        property(sb, "repeats", Integer.toString(o.repeats()));
        sb.append("  </properties>\n");
        for (ScaleClaim c : report.claims()) {
            sb.append(String.format("  <testcase classname=\"%s\" name=\"%s\" time=\"0\">%n", xml(suite), xml(c.name())));
            if (c.gating() && !c.passed()) {
                sb.append(String.format("    <failure message=\"%s\"/>%n", xml(c.message())));
            }
            sb.append(String.format("    <system-out>%s</system-out>%n", xml(c.message())));
            sb.append("  </testcase>\n");
        }
        sb.append("</testsuite>\n");
        return sb.toString();
    }

    private static void property(StringBuilder sb, String name, String value) {
        sb.append(String.format("    <property name=\"%s\" value=\"%s\"/>%n", xml(name), xml(value)));
    }

    /** A JSON number, or null for NaN and infinities (which JSON cannot carry). */
    static String number(double d) {
        if (!Double.isFinite(d)) {
            return "null";
        }
        String s = String.format(Locale.ROOT, "%.6g", d);
        // Trim the zeros %g pads the fraction with; digits before the point are never touched.
        return s.contains(".") ? s.replaceFirst("0+(e|$)", "$1").replaceFirst("\\.(e|$)", "$1") : s;
    }

    /** A JSON string literal. */
    static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Text fit for an XML attribute or element; control characters XML 1.0 forbids become '?'. */
    static String xml(String s) {
        StringBuilder sb = new StringBuilder();
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> sb.append(ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r' ? '?' : ch);
            }
        }
        return sb.toString();
    }
}
