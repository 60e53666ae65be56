package dev.faultline.reporter.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.Message;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.Verdict;
import dev.faultline.reporter.RunFixtures;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitReportTest {

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element testcase(Document xml, String name) {
        NodeList cases = xml.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element e = (Element) cases.item(i);
            if (e.getAttribute("name").equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no testcase " + name);
    }

    @Test
    void oneSuitePerRunOneCasePerObjectiveAndCheckPlusTheVerdict() throws Exception {
        Document xml = parse(JunitReport.render(RunFixtures.richReport("run-9")));

        Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
        assertThat(xml.getElementsByTagName("testsuite").getLength()).isEqualTo(1);
        assertThat(suite.getAttribute("name")).isEqualTo("faultline.kill-web");
        assertThat(suite.getAttribute("id")).isEqualTo("run-9");
        assertThat(suite.getAttribute("tests")).isEqualTo("5");
        assertThat(suite.getAttribute("failures")).isEqualTo("3"); // min-availability, circuit-breaker, verdict
        assertThat(suite.getAttribute("errors")).isEqualTo("1"); // max-error-rate: NO_DATA
        assertThat(suite.getAttribute("skipped")).isEqualTo("0");
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(suite.getAttribute("time")).isEqualTo("12.000");
        assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(5);
    }

    @Test
    void failuresSayMeasuredVersusThresholdAndHowItWasMeasured() throws Exception {
        Document xml = parse(JunitReport.render(RunFixtures.richReport("run-9")));

        Element availability = testcase(xml, "min-availability");
        assertThat(availability.getAttribute("classname")).isEqualTo("faultline.kill-web.objectives");
        Element failure = (Element) availability.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("measured 87.500 % vs threshold 99.000 %");
        assertThat(failure.getTextContent()).contains("How measured: successful probes over all probes");
        assertThat(testcase(xml, "max-recovery-time").getChildNodes().getLength()).isZero();
        Element check = (Element) testcase(xml, "circuit-breaker").getElementsByTagName("failure").item(0);
        assertThat(check.getAttribute("message")).isEqualTo("inventory opened but never half-opened");
        Element verdict = (Element) testcase(xml, "verdict").getElementsByTagName("failure").item(0);
        assertThat(verdict.getAttribute("message")).startsWith("verdict FAIL: availability 87.500 %");
    }

    @Test
    void noDataIsAnErrorNotASkip() throws Exception {
        Document xml = parse(JunitReport.render(RunFixtures.richReport("run-9")));

        Element noData = testcase(xml, "max-error-rate");
        assertThat(noData.getElementsByTagName("skipped").getLength()).isZero();
        Element error = (Element) noData.getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("type")).isEqualTo("NO_DATA");
        assertThat(error.getAttribute("message")).isEqualTo("measured no data vs threshold 1.000 %");
    }

    @Test
    void aPassingRunHasNoFailureAndHostileTextStaysWellFormed() throws Exception {
        String hostile = "</testcase><x a=\"\u0001\">&";
        RunVerdict verdict = new RunVerdict(Message.SCHEMA_VERSION, "v", "run-10", RunFixtures.T0, hostile,
                Verdict.PASS, List.of(), List.of(), List.of(), 250);

        Document xml = parse(JunitReport.render(RunReport.of(verdict, List.of(), Optional.empty())));

        Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("faultline.</testcase><x a=\"\uFFFD\">&");
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(xml.getElementsByTagName("failure").getLength()).isZero();
    }
}
