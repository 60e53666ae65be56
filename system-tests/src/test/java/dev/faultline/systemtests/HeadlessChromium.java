package dev.faultline.systemtests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium in headless mode, driven through Debian's chromedriver of the same build (both from
 * deploy/prerequisites.sh). Both paths are given, so Selenium Manager never runs and nothing is downloaded; Chromium
 * resolves no host name (the rule leaves alone only 127.0.0.1, where a stack under test listens), so a page that
 * tried to fetch anything from elsewhere would show it broken.
 */
final class HeadlessChromium {

    static final Path CHROMIUM = Path.of(System.getProperty("faultline.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("faultline.chromedriver", "/usr/bin/chromedriver"));

    private HeadlessChromium() {
    }

    /** A browser with a viewport of {@code width} x {@code height} CSS pixels; the caller quits it. */
    static ChromeDriver start(int width, int height, Path profileDir) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("no Chromium at " + CHROMIUM + " or chromedriver at " + CHROMEDRIVER
                    + ": run deploy/prerequisites.sh");
        }
        try {
            Files.createDirectories(profileDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                // Chromium refuses its sandbox as root, which is how the build machine runs.
                "--no-sandbox", "--no-first-run", "--user-data-dir=" + profileDir.toAbsolutePath(),
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
