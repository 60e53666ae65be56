package dev.faultline.reporter.report;

import dev.faultline.common.verdict.CheckResult;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.SloResult;
import dev.faultline.common.verdict.SloStatus;
import dev.faultline.common.verdict.Verdict;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code report.junit.xml}: the run as a CI pipeline gates on it, in the JUnit XML that CI servers read. One
 * {@code testsuite} per run; one {@code testcase} per objective and per check, plus one for the verdict itself, so
 * that a run that failed on something no objective sees (no fault took effect, steady state not met, aborted)
 * fails the suite too. A FAIL is a {@code failure} whose message is measured vs threshold (objectives) or what was
 * seen (checks); NO_DATA is an {@code error}, not a skip: nothing could be measured, the verdict fails on it, and a
 * skipped test would let the pipeline pass. See docs/verdict.md.
 */
public final class JunitReport {

    private JunitReport() {
    }

    public static String render(RunReport report) {
        RunVerdict verdict = report.verdict();
        List<SloResult> slos = verdict.slos();
        List<CheckResult> checks = verdict.checks();
        long failures = slos.stream().filter(s -> s.status() == SloStatus.FAIL).count()
                + checks.stream().filter(c -> c.status() == SloStatus.FAIL).count()
                + (verdict.verdict() == Verdict.FAIL ? 1 : 0);
        long errors = slos.stream().filter(s -> s.status() == SloStatus.NO_DATA).count()
                + checks.stream().filter(c -> c.status() == SloStatus.NO_DATA).count();
        int tests = slos.size() + checks.size() + 1;
        String suite = "faultline." + verdict.experimentName();
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            attribute(xml, "name", "faultline");
            attribute(xml, "tests", Integer.toString(tests));
            attribute(xml, "failures", Long.toString(failures));
            attribute(xml, "errors", Long.toString(errors));
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            attribute(xml, "name", suite);
            attribute(xml, "id", report.runId());
            attribute(xml, "tests", Integer.toString(tests));
            attribute(xml, "failures", Long.toString(failures));
            attribute(xml, "errors", Long.toString(errors));
            attribute(xml, "skipped", "0");
            report.startedAt().ifPresent(at -> attribute(xml, "timestamp", at.toString()));
            attribute(xml, "time", seconds(report));
            xml.writeCharacters("\n");
            xml.writeStartElement("properties");
            property(xml, "runId", report.runId());
            property(xml, "experiment", verdict.experimentName());
            property(xml, "verdict", verdict.verdict().name());
            property(xml, "probeIntervalMillis", Long.toString(verdict.probeIntervalMillis()));
            xml.writeEndElement();
            xml.writeCharacters("\n");

            testcase(xml, suite, "verdict", verdict.verdict() == Verdict.PASS ? SloStatus.PASS : SloStatus.FAIL,
                    "verdict FAIL" + (verdict.findings().isEmpty() ? "" : ": " + verdict.findings().get(0)),
                    String.join("\n", verdict.findings()));
            for (SloResult slo : slos) {
                String measured = "measured " + ReportFormat.quantity(slo.measured(), slo.unit(), "no data")
                        + " vs threshold " + ReportFormat.quantity(slo.threshold(), slo.unit(), "");
                testcase(xml, suite + ".objectives", slo.objective(), slo.status(), measured,
                        measured + "\nHow measured: " + slo.method());
            }
            for (CheckResult check : checks) {
                testcase(xml, suite + ".checks", check.name(), check.status(), check.detail(),
                        check.detail() + "\nHow measured: " + check.method());
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the JUnit report of run " + report.runId(), e);
        }
        return out.toString();
    }

    private static void testcase(XMLStreamWriter xml, String classname, String name, SloStatus status,
            String message, String detail) throws XMLStreamException {
        xml.writeCharacters("  ");
        xml.writeStartElement("testcase");
        attribute(xml, "classname", classname);
        attribute(xml, "name", name);
        attribute(xml, "time", "0");
        if (status != SloStatus.PASS) {
            // NO_DATA: nothing could be measured, so the case could not be judged: an error, never a skip.
            xml.writeStartElement(status == SloStatus.NO_DATA ? "error" : "failure");
            attribute(xml, "type", status.name());
            attribute(xml, "message", message);
            xml.writeCharacters(xmlText(detail));
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement("property");
        attribute(xml, "name", name);
        attribute(xml, "value", value);
    }

    private static void attribute(XMLStreamWriter xml, String name, String value) {
        try {
            xml.writeAttribute(name, xmlText(value));
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The run's whole duration in seconds, {@code 0} when its start or end was not recorded. */
    private static String seconds(RunReport report) {
        if (report.startedAt().isEmpty() || report.finishedAt().isEmpty()) {
            return "0";
        }
        long millis = Duration.between(report.startedAt().get(), report.finishedAt().get()).toMillis();
        return String.format(Locale.ROOT, "%.3f", Math.max(0, millis) / 1000.0);
    }

    /** Texts from the run may hold characters XML 1.0 cannot carry at all, escaped or not: they become U+FFFD. */
    static String xmlText(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            clean.appendCodePoint(allowed ? c : 0xFFFD);
        });
        return clean.toString();
    }
}
