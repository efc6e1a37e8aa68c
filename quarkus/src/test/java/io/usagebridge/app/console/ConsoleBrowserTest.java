package io.usagebridge.app.console;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.usagebridge.app.UsageBridgeTestResource;
import io.usagebridge.app.UsageFiles;
import io.usagebridge.sandbox.TwoCheckoutReceiverSimulator;

/**
 * The console as an operator and a read-only user meet it, in headless Chromium against the app and its 2Checkout
 * simulator: files from a real run listed with their states, a failed file's error shown, a rejected file replayed
 * to ACCEPTED, an uncertain send resolved as delivered (done/, nothing sent), and no action for a read-only user.
 */
@QuarkusTest
@QuarkusTestResource(UsageBridgeTestResource.class)
class ConsoleBrowserTest {

    /** Where the README's screenshot comes from (docs/console.png is a copy of one run's). */
    static final Path SCREENSHOT = Path.of("target", "screenshots", "console.png");

    TwoCheckoutReceiverSimulator twoCheckout;

    @ConfigProperty(name = "intake.folder.dir")
    Path inbox;

    @ConfigProperty(name = "intake.folder.done-dir")
    Path done;

    @ConfigProperty(name = "intake.folder.failed-dir")
    Path failed;

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void operatorSeesTheRunReplaysARejectedFileAndResolvesAnUncertainSend() throws Exception {
        drop("browser-good.csv", "2026-11-04,2026-11-04,metered-api,,BROWSERGOOD1\n");
        await().atMost(30, SECONDS).until(() -> Files.exists(done.resolve("browser-good.csv")));
        drop("browser-bad-date.csv", "2026-11-31,2026-11-04,metered-api,,BROWSERBAD1\n");
        String badCode = errorCode("browser-bad-date.csv");
        twoCheckout.failNext(1, 400);
        drop("browser-rejected.csv", "2026-11-05,2026-11-05,metered-api,,BROWSERREJ1\n");
        errorCode("browser-rejected.csv");
        twoCheckout.dropNext(1);
        drop("browser-lost-reply.csv", "2026-11-06,2026-11-06,metered-api,,BROWSERLOST1\n");
        assertEquals("DELIVERY_UNCERTAIN", errorCode("browser-lost-reply.csv"));

        logIn(UsageBridgeTestResource.OPERATOR, UsageBridgeTestResource.OPERATOR_PASSWORD);
        assertEquals("DONE", fileState("browser-good.csv"));
        assertEquals("FAILED", fileState("browser-bad-date.csv"));
        assertEquals("FAILED", fileState("browser-rejected.csv"));
        assertEquals("UNCERTAIN", fileState("browser-lost-reply.csv"));

        // a failed file's error, as its error.json has it
        open("browser-bad-date.csv");
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".file-error")));
        assertTrue(error.getText().contains(badCode), error.getText());
        screenshot();

        // a rejected file replayed: its delivery ends ACCEPTED, the original in done/, sent once more
        int acceptedBefore = twoCheckout.accepted().size();
        open("browser-rejected.csv");
        act("replay");
        await().atMost(30, SECONDS).until(() -> Files.exists(done.resolve("browser-rejected.csv")));
        // the replay is a new intake of the same bytes: the journey points to it, where the delivery was accepted
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.later-intake"))).click();
        wait.until(d -> "ACCEPTED".equals(deliveryStates().stream().findFirst().orElse(null)));
        assertEquals(acceptedBefore + 1, twoCheckout.accepted().size());
        wait.until(d -> "DONE".equals(fileState("browser-rejected.csv")));

        // an uncertain send resolved as delivered: done/, nothing sent
        int requestsBefore = twoCheckout.requestCount();
        open("browser-lost-reply.csv");
        act("resolve-delivered");
        await().atMost(30, SECONDS).until(() -> Files.exists(done.resolve("browser-lost-reply.csv")));
        assertFalse(Files.exists(failed.resolve("browser-lost-reply.csv")));
        wait.until(d -> "DONE".equals(fileState("browser-lost-reply.csv")));
        assertEquals(requestsBefore, twoCheckout.requestCount(), "resolved as delivered: nothing was sent");
        WebElement actions = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("ol.actions")));
        assertTrue(actions.getText().contains("resolve-delivered by " + UsageBridgeTestResource.OPERATOR),
                actions.getText());
    }

    @Test
    void readOnlyUserSeesNoActionAndTheApiRefusesThem() throws Exception {
        twoCheckout.failNext(1, 400);
        drop("browser-viewer-rejected.csv", "2026-11-07,2026-11-07,metered-api,,BROWSERVIEW1\n");
        errorCode("browser-viewer-rejected.csv");

        logIn(UsageBridgeTestResource.VIEWER, UsageBridgeTestResource.VIEWER_PASSWORD);
        assertTrue(browser.findElement(By.id("who")).getText().contains("read-only"));
        assertEquals("FAILED", fileState("browser-viewer-rejected.csv"));
        open("browser-viewer-rejected.csv");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("article.delivery")));
        assertEquals(List.of(), browser.findElements(By.cssSelector("button[data-action]")),
                "a read-only user is offered no action");

        // the API refuses the action the page does not offer, also with the user's own CSRF token
        String fileId = row("browser-viewer-rejected.csv").getAttribute("data-file-id");
        HttpResponse<String> replay = asViewer("/api/files/" + fileId + "/replay");
        assertEquals(403, replay.statusCode(), replay.body());
        assertTrue(Files.exists(failed.resolve("browser-viewer-rejected.csv")), "not replayed");
        assertFalse(Files.exists(inbox.resolve("browser-viewer-rejected.csv")), "not replayed");
    }

    /** The list and the open journey in one picture: a tall window, from the top. */
    private void screenshot() throws Exception {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 1700));
        browser.executeScript("window.scrollTo(0, 0)");
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 900));
    }

    private void logIn(String user, String password) {
        browser.get(base() + "/console/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("user"))).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login")).click();
        try {
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), user));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("not logged in as " + user + ": the browser shows " + browser.getCurrentUrl()
                    + "\n" + browser.getPageSource(), e);
        }
    }

    private WebElement row(String name) {
        return wait.until(d -> d.findElements(By.cssSelector("#files tbody tr")).stream()
                .filter(r -> r.findElement(By.cssSelector("a.file-link")).getText().equals(name)).findFirst()
                .orElse(null));
    }

    private String fileState(String name) {
        // the list is polled: read it again until the row is there, and read it whole (it may be re-rendered)
        return wait.until(d -> {
            try {
                return row(name).findElement(By.cssSelector("td .state")).getText();
            } catch (org.openqa.selenium.StaleElementReferenceException rerendered) {
                return null;
            }
        });
    }

    private void open(String name) {
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    row(name).findElement(By.cssSelector("a.file-link")).click();
                    return d.findElement(By.id("journey-title")).getText().equals("Journey of " + name);
                });
    }

    private List<String> deliveryStates() {
        try {
            return browser.findElements(By.cssSelector("article.delivery .delivery-state")).stream()
                    .map(WebElement::getText).toList();
        } catch (org.openqa.selenium.StaleElementReferenceException rerendered) {
            return List.of();
        }
    }

    private void act(String action) {
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[data-action='" + action + "']")))
                .click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
    }

    private HttpResponse<String> asViewer(String path) throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString((UsageBridgeTestResource.VIEWER + ":"
                + UsageBridgeTestResource.VIEWER_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newHttpClient();
        String session = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/session"))
                .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString()).body();
        String token = new ObjectMapper().readTree(session).path("csrfToken").asText();
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", basic)
                .header("X-CSRF-Token", token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void drop(String name, String rows) throws Exception {
        UsageFiles.drop(inbox, name, UsageFiles.HEADER + rows);
    }

    /** Waits for the file's error.json in failed/ and answers its code. */
    private String errorCode(String name) throws Exception {
        Path sidecar = failed.resolve(name + ".error.json");
        await().atMost(30, SECONDS).until(() -> Files.exists(sidecar) && Files.exists(failed.resolve(name)));
        return new ObjectMapper().readTree(sidecar.toFile()).path("code").asText();
    }

    private static String base() {
        return "http://localhost:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    }
}
