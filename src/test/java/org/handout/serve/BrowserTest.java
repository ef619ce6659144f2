package org.handout.serve;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.handout.build.Workspace;
import org.handout.testing.TestProject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * handout serve as a new user meets it, in a real headless Chromium (Debian's chromium and
 * chromium-driver, which .ci/run installs): choose the clinic, the language and the leaflet, show
 * the pages, download the PDF, and find the clinic's name in that language in its text.
 * Locally it is skipped when Chromium is not installed; in CI (HANDOUT_REQUIRE_BROWSER=1) it must run.
 */
class BrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;

    @Test
    void aUserChoosesALanguageAndALeafletSeesThePagesAndDownloadsThePdf() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (System.getenv("HANDOUT_REQUIRE_BROWSER") != null) {
            assertTrue(present, "Chromium and chromedriver are required here: apt-get install chromium chromium-driver");
        }
        Assumptions.assumeTrue(present, "Chromium is not installed");
        TestProject p = TestProject.copyInto(dir.resolve("project"));
        Server server = new Server(new Workspace(p.root()), "127.0.0.1", 0);
        server.start();
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,1600");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        try {
            browser.get("http://127.0.0.1:" + server.port() + "/");
            new Select(browser.findElement(By.id("clinic"))).selectByValue("riverside");
            new Select(browser.findElement(By.id("lang"))).selectByValue("es");          // click 1
            new Select(browser.findElement(By.id("leaflet"))).selectByValue("contacts"); // click 2
            browser.findElement(By.id("show")).click();                                  // click 3
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            wait.until(d -> !d.findElements(By.cssSelector("img.page")).isEmpty());
            wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                    "return Array.from(document.querySelectorAll('img.page')).every(i => i.complete && i.naturalWidth > 500);"));
            browser.findElement(By.id("download")).click();
            Path pdf = null;
            for (int i = 0; i < 120 && pdf == null; i++) {
                try (Stream<Path> s = Files.list(downloads)) {
                    pdf = s.filter(f -> f.toString().endsWith(".pdf")).findFirst().orElse(null);
                }
                if (pdf == null) {
                    Thread.sleep(250);
                }
            }
            assertTrue(pdf != null, "no PDF was downloaded");
            try (PDDocument d = Loader.loadPDF(new File(pdf.toString()))) {
                String text = new PDFTextStripper().getText(d).replaceAll("\\s+", " ");
                assertTrue(text.contains("Clínica de Cáncer del Hospital Infantil Riverside"), text);
            }
        } finally {
            browser.quit();
            server.stop();
        }
    }
}
