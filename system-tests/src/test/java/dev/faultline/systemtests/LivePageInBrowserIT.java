package dev.faultline.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.testsupport.TestContainers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The orchestrator's live page (/ui) in headless Chromium against the four real services: a container kill on the
 * real Docker engine, started through the API, must show on the page while it runs (its phase moving from warm-up
 * through the fault to the verdict, the probe's state, the fault injected), then in the recent runs with its report.
 * The halt button asks first: dismissed, nothing is sent; a viewer who confirms is told the halt is not theirs. An
 * operator's halt shows the halt latch (schedules held, by whom, why) and a resume button, which asks too: dismissed,
 * the latch stays; confirmed, it is lifted (POST /api/v1/resume) and the page says the schedules run again. A
 * screenshot taken during the run is kept under {@code target/live-page-in-browser/}.
 */
class LivePageInBrowserIT {

    static final Path OUT = Path.of("target", "live-page-in-browser").toAbsolutePath();
    static final String PROBE = "target-health";
    static final String EXPERIMENT = "live-page-container-kill";
    /** Long enough phases that a page refreshed once a second shows each of them. */
    static final String WARMUP = "4s";
    static final String DURATION = "12s";
    static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    static final SystemTestStack system = SystemTestStack.create();

    @Test
    void thePageShowsARunWhileItRunsThenItsVerdictAndAsksBeforeHalting() throws Exception {
        FaultlineStack stack = system.stack();
        TestContainers.Started target = system.announcedDemoTarget("faultline-live-target", Map.of("app", "live"));
        String experiment = Experiments.containerKill(EXPERIMENT, PROBE, target.url("/health"), Duration.ofMillis(250),
                target.name()).replace("warmup: 2s", "warmup: " + WARMUP).replace("duration: 8s", "duration: " + DURATION);

        Files.createDirectories(OUT);
        ChromeDriver browser = HeadlessChromium.start(1366, 1000, OUT.resolve("chromium-profile"));
        try {
            browser.get(stack.url(FaultlineStack.Service.ORCHESTRATOR, "/ui").toString());
            assertThat(browser.getTitle()).isEqualTo("Faultline live");
            signIn(browser, stack.operatorToken);

            // The agent and the target it reports.
            Await.until("the agent and its target on the page", Duration.ofSeconds(15), () -> Boolean.TRUE.equals(
                    browser.executeScript("return document.querySelector(`#agents tr[data-agent='${arguments[0]}']"
                            + " .target[data-target='${arguments[1]}']`) !== null;", stack.agentId, target.name())));
            Await.until("the stream connected", Duration.ofSeconds(10),
                    () -> "live".equals(browser.executeScript("return document.getElementById('stream-status')"
                            + ".dataset.state;")));

            String runId = stack.startRun(experiment);

            // What the page shows, sampled about seven times a second until the verdict is on it.
            Set<String> phases = new LinkedHashSet<>();
            Set<String> faultStates = new LinkedHashSet<>();
            Set<String> probeStates = new LinkedHashSet<>();
            List<String> availabilities = new ArrayList<>();
            boolean screenshotTaken = false;
            long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
            while (!phases.contains("completed") && !phases.contains("aborted")) {
                assertThat(System.nanoTime()).as("run %s on the page within %s; seen %s", runId, RUN_TIMEOUT, phases)
                        .isLessThan(deadline);
                Map<?, ?> seen = (Map<?, ?>) browser.executeScript("""
                        const card = document.querySelector(`article.run[data-run='${arguments[0]}']`);
                        if (card === null) return {};
                        return {phase: card.dataset.phase,
                          faults: Array.from(card.querySelectorAll('tr.fault')).map(f => f.dataset.state),
                          probes: Array.from(card.querySelectorAll(`tr.probe[data-probe='${arguments[1]}'] .probe-state`))
                            .map(p => p.textContent),
                          availability: Array.from(card.querySelectorAll('tr.probe .availability'))
                            .map(a => a.textContent).join('')};
                        """, runId, PROBE);
                if (seen.get("phase") != null) {
                    phases.add(seen.get("phase").toString());
                    ((List<?>) seen.get("faults")).forEach(state -> faultStates.add(state.toString()));
                    ((List<?>) seen.get("probes")).forEach(state -> probeStates.add(state.toString()));
                    if (!seen.get("availability").toString().isEmpty()) {
                        availabilities.add(seen.get("availability").toString());
                    }
                    // The picture for the docs: the fault done, the probe measured since.
                    if (!screenshotTaken && faultStates.contains("injected") && "observing".equals(seen.get("phase"))
                            && !seen.get("availability").toString().isEmpty()) {
                        Files.write(OUT.resolve("live-page.png"), browser.getScreenshotAs(OutputType.BYTES));
                        screenshotTaken = true;
                    }
                }
                Thread.sleep(150);
            }

            assertThat(phases).as("phases shown, in order").containsSubsequence("warm-up", "observing", "completed");
            assertThat(faultStates).as("the kill's state on the page").containsSubsequence("planned", "injected");
            assertThat(probeStates).as("the probe's state on the page").contains("ok");
            assertThat(availabilities).as("availability once injected").isNotEmpty()
                    .allSatisfy(text -> assertThat(text).matches("\\d+\\.\\d %"));
            assertThat(screenshotTaken).as("a screenshot while the run observes").isTrue();
            String verdict = stack.run(runId).get("verdict").get("verdict").asText();
            assertThat(browser.findElement(By.cssSelector("article.run[data-run='" + runId + "'] .verdict")).getText())
                    .isEqualTo(verdict);

            // The recent runs list it with its verdict and a report, which opens in the page's sandboxed frame.
            By row = By.cssSelector("#verdicts tr[data-run='" + runId + "']");
            Await.until("run " + runId + " in the recent runs with its verdict", Duration.ofSeconds(15),
                    () -> !browser.findElements(row).isEmpty()
                            && verdict.equals(browser.findElement(row).findElement(By.cssSelector(".verdict")).getText()));
            var link = browser.findElement(row).findElement(By.cssSelector("a.report-link"));
            assertThat(link.getAttribute("href")).isEqualTo(
                    stack.url(FaultlineStack.Service.REPORTER, "/api/v1/reports/" + runId + "?format=html").toString());
            stack.awaitHtmlReport(runId);
            link.click();
            Await.until("the report in the dialog", Duration.ofSeconds(10), () -> Boolean.TRUE.equals(
                    browser.executeScript("const d = document.getElementById('report-dialog');"
                            + " return d.open && document.getElementById('report-frame').srcdoc"
                            + ".includes('<title>Chaos run report: " + EXPERIMENT + "');")));
            browser.findElement(By.id("report-close")).click();

            // The halt asks first; dismissed, nothing is sent.
            browser.findElement(By.id("halt-reason")).sendKeys("browser test");
            browser.findElement(By.id("halt")).click();
            Alert confirm = browser.switchTo().alert();
            assertThat(confirm.getText()).contains("Halt everything?", "every run still going is aborted",
                    "Reason: browser test");
            confirm.dismiss();
            assertThat(browser.findElement(By.id("halt-result")).getText()).isEqualTo("Halt cancelled: nothing was sent.");
            assertThat(Files.readString(stack.logDir.resolve("orchestrator.log"))).as("no halt in the audit log")
                    .doesNotContain(") halt all");

            // A viewer who confirms is refused, and told so.
            browser.executeScript("sessionStorage.clear();");
            browser.navigate().refresh();
            signIn(browser, stack.viewerToken);
            browser.findElement(By.id("halt")).click();
            browser.switchTo().alert().accept();
            Await.until("the viewer's halt refused on the page", Duration.ofSeconds(10),
                    () -> browser.findElement(By.id("halt-result")).getText().startsWith("Not allowed (403): "));
            assertThat(browser.findElement(By.id("halt-result")).getText()).contains("needs operator");
            assertThat(browser.findElement(By.id("latch-state")).getText())
                    .isEqualTo("Schedules run as planned: no halt holds them.");
            assertThat(browser.findElement(By.id("resume")).isDisplayed()).isFalse();

            // An operator's halt sets the latch: the page shows it, and the resume button.
            browser.executeScript("sessionStorage.clear();");
            browser.navigate().refresh();
            signIn(browser, stack.operatorToken);
            browser.findElement(By.id("halt-reason")).sendKeys("latch test");
            browser.findElement(By.id("halt")).click();
            browser.switchTo().alert().accept();
            Await.until("the halt latch on the page", Duration.ofSeconds(10),
                    () -> "true".equals(browser.findElement(By.id("latch")).getAttribute("data-halted")));
            assertThat(browser.findElement(By.id("latch-state")).getText()).startsWith("Schedules held since ")
                    .contains("halted by e2e-test (latch test)");
            assertThat(browser.findElement(By.id("resume")).isDisplayed()).isTrue();
            Files.write(OUT.resolve("live-page-halted.png"), browser.getScreenshotAs(OutputType.BYTES));

            // Resume asks first; dismissed, the latch stays.
            browser.findElement(By.id("resume")).click();
            Alert resume = browser.switchTo().alert();
            assertThat(resume.getText()).contains("Resume the schedules?", "not restarted");
            resume.dismiss();
            assertThat(browser.findElement(By.id("resume-result")).getText())
                    .isEqualTo("Resume cancelled: the schedules stay held.");
            assertThat(haltLatch(stack).path("halted").asBoolean()).isTrue();

            // Confirmed, the latch is lifted.
            browser.findElement(By.id("resume")).click();
            browser.switchTo().alert().accept();
            Await.until("the latch lifted on the page", Duration.ofSeconds(10),
                    () -> "false".equals(browser.findElement(By.id("latch")).getAttribute("data-halted")));
            assertThat(browser.findElement(By.id("resume-result")).getText()).startsWith("Resumed by e2e-test at ");
            assertThat(browser.findElement(By.id("resume")).isDisplayed()).isFalse();
            assertThat(haltLatch(stack).path("halted").asBoolean()).isFalse();
            System.out.println("screenshot of the live page during run " + runId + ": " + OUT.resolve("live-page.png"));
        } finally {
            browser.quit();
        }
    }

    /** The orchestrator's own answer on the latch, besides what the page shows. */
    private static JsonNode haltLatch(FaultlineStack stack) throws Exception {
        return ChaosJson.messages().readTree(stack.get(FaultlineStack.Service.ORCHESTRATOR, "/api/v1/halt").body());
    }

    private static void signIn(ChromeDriver browser, String token) {
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        Await.until("the live view after signing in", Duration.ofSeconds(10),
                () -> browser.findElement(By.id("live")).isDisplayed());
    }
}
