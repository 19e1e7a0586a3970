package dev.kam.platform;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kam.contracts.PlatformFacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser (Debian's headless chromium, driven by Selenium through chromedriver) on a platform
 * started by {@code ./kam up} and loaded by {@code ./kam demo}: sales ops find a national account, read why it is one
 * and its history, apply its staffing proposal and watch the team turn ACTIVE without reloading; its key account
 * manager edits the plan of the team they lead and is refused on another team's; axe-core finds no serious or
 * critical accessibility violation on any page. Screenshots of each page are kept in target/console-screenshots.
 */
class ConsoleInBrowserTest {

    private static final Duration UP_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration DEMO_TIMEOUT = Duration.ofMinutes(6);
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A global customer the demo does not have: a national account whose team is still forming when the browser opens it. */
    private static final String NATIONAL_CUSTOMER = """
            {"legalName": "Aurora Browser Test Holdings", "headquartersCountry": "DE",
             "annualPurchasePotential": {"amount": 30000000, "currency": "EUR"},
             "locations": [{"country": "DE", "region": "Bayern"}, {"country": "DE", "region": "Hamburg"}, {"country": "US", "region": "Ohio"},
                           {"country": "JP", "region": "Aichi"}],
             "functionalAreas": ["PROCUREMENT", "ENGINEERING", "QUALITY", "OPERATIONS", "FINANCE", "EXECUTIVE"],
             "selectionCriteria": ["price", "quality", "delivery", "support", "innovation", "sustainability", "payment terms", "local presence"],
             "buyingCenter": [{"contactId": "c-1", "name": "Mara Lind", "roles": ["INITIATOR"]}, {"contactId": "c-2", "roles": ["USER"]},
                              {"contactId": "c-3", "roles": ["INFLUENCER"]}, {"contactId": "c-4", "name": "Jon Ek", "title": "CPO", "roles": ["DECIDER"]},
                              {"contactId": "c-5", "roles": ["BUYER"]}, {"contactId": "c-6", "roles": ["GATEKEEPER"]}],
             "partnershipIntent": "STRATEGIC_ALLIANCE", "supplierStatus": "PREFERRED", "relationshipSince": "2012-01-01"}""";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private WebDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void salesOpsStaffAnAccountLiveAndItsKeyAccountManagerEditsOnlyTheirOwnPlan(@TempDir Path home) throws Exception {
        KamCommand kam = new KamCommand(home);
        try {
            KamCommand.Result up = kam.run(UP_TIMEOUT, "up");
            assertThat(up.exitCode()).as(up.output()).isZero();
            String console = "http://localhost:" + kam.port(PlatformFacts.console().portVariable());
            assertThat(up.output()).contains("Open the console: " + console);
            KamCommand.Result demo = kam.run(DEMO_TIMEOUT, "demo");
            assertThat(demo.exitCode()).as(demo.output()).isZero();
            assertThat(demo.output()).contains("See it in the console: " + console);

            String crm = token(kam, "crm-integration");
            String viewer = token(kam, "viewer");
            // the demo's portfolio takes every key account manager's and executive's capacity: two new hires with room
            String salesOps = token(kam, "sales-ops");
            call("PUT", kam.port("KAM_TEAM_PORT"), "/api/v1/staff/BT-KAM", salesOps,
                    "{\"name\": \"Ines Brandt\", \"function\": \"KEY_ACCOUNT_MANAGER\", \"regions\": [\"DE-SOUTH\"], \"capacity\": 4}");
            call("PUT", kam.port("KAM_TEAM_PORT"), "/api/v1/staff/BT-EXE", salesOps,
                    "{\"name\": \"Pia Lorenz\", \"function\": \"EXECUTIVE\", \"regions\": [\"DE-SOUTH\"], \"capacity\": 4}");
            JsonNode created = call("PUT", kam.port("KAM_CUSTOMER_PORT"), "/api/v1/customers/by-external-ref/salesforce/browser-test-1", crm, NATIONAL_CUSTOMER);
            String customerId = created.path("id").asText();
            JsonNode team = awaitTeam(kam, viewer, customerId);
            assertThat(team.path("designation").asText()).isEqualTo("NATIONAL_ACCOUNT");
            assertThat(team.path("status").asText()).as("no one staffed it yet").isEqualTo("FORMING");

            browser = chromium();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

            // not signed in: the sign-in page, then back where the user was going
            browser.get(console + "/portfolio");
            wait.until(ExpectedConditions.urlContains("/sign-in"));
            page("sign-in");
            signIn("sales-ops", "ops-in-browser");
            wait.until(ExpectedConditions.urlContains("/portfolio"));
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Portfolio");
            assertThat(browser.findElement(By.cssSelector("#distribution-heading + svg title")).getAttribute("textContent"))
                    .startsWith("Score distribution of ");
            assertThat(browser.findElements(By.cssSelector("table.accounts tbody tr"))).as("the demo's key accounts").hasSizeGreaterThan(10);
            page("portfolio");

            // find the national account by name and open it
            browser.findElement(By.id("q")).sendKeys("aurora browser");
            new Select(browser.findElement(By.id("designation"))).selectByValue("NATIONAL_ACCOUNT");
            browser.findElement(By.cssSelector("form.filters button")).click();
            wait.until(ExpectedConditions.urlContains("q=aurora"));
            browser.findElement(By.linkText("Aurora Browser Test Holdings")).click();
            wait.until(ExpectedConditions.urlContains("/accounts/" + customerId));
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Aurora Browser Test Holdings");
            String explanation = browser.findElement(By.id("explanation")).getText();
            assertThat(explanation).contains("Purchase potential", "Buying complexity", "Partnership orientation", "Reasons",
                    "What would change the tier", "reaches the promotion threshold");
            assertThat(browser.findElement(By.cssSelector("#history svg title")).getAttribute("textContent")).isEqualTo("Score history");
            assertThat(browser.findElements(By.cssSelector("#history svg circle"))).as("one point per recorded score").isNotEmpty();
            assertThat(browser.findElement(By.id("team-status")).getText()).isEqualTo("FORMING");
            page("account-forming");

            // apply the proposal; the team's events bring the ACTIVE team to this very page
            ((JavascriptExecutor) browser).executeScript("window.kamPageMarker = 'the page the proposal was applied on';");
            browser.findElement(By.id("apply-staffing")).click();
            wait.until(ExpectedConditions.textToBe(By.id("team-status"), "ACTIVE"));
            assertThat(((JavascriptExecutor) browser).executeScript("return window.kamPageMarker;"))
                    .as("the team turned ACTIVE without a reload").isEqualTo("the page the proposal was applied on");
            assertThat(browser.findElement(By.id("team")).getText()).contains("Key account manager", "Executive sponsor");
            page("account");
            tabletLayoutHolds("account-tablet");

            // the programme, and the model: a draft of the active version activated, its rescore followed on the page
            browser.findElement(By.linkText("Programme")).click();
            wait.until(ExpectedConditions.urlContains("/programme"));
            assertThat(browser.findElement(By.cssSelector("#scorecard-heading + svg title")).getAttribute("textContent")).isEqualTo("Hise & Reid scorecard");
            assertThat(browser.findElement(By.tagName("main")).getText()).contains("Teams by status", "Open coverage gaps", "Staff load against capacity");
            page("programme");
            browser.findElement(By.linkText("Model")).click();
            wait.until(ExpectedConditions.urlContains("/model"));
            int versions = browser.findElements(By.cssSelector("table tbody tr")).size();
            browser.findElement(By.id("description")).clear();
            browser.findElement(By.id("description")).sendKeys("the active model again, from the console");
            browser.findElement(By.xpath("//button[text()='Create the draft']")).click();
            wait.until(driver -> driver.findElements(By.cssSelector("table tbody tr")).size() == versions + 1);
            browser.findElement(By.cssSelector("button[id^='activate-']")).click();
            wait.until(ExpectedConditions.urlContains("/model?job="));
            new WebDriverWait(browser, Duration.ofSeconds(120)).until(ExpectedConditions.textMatches(By.id("rescore-status"), java.util.regex.Pattern.compile("^DONE: .*")));
            assertThat(browser.findElement(By.id("rescore-status")).getText()).matches("DONE: (\\d+) of \\1 customers \\(100 %\\)");
            page("model");

            // the key account manager the proposal put on the team edits its plan ...
            team = call("GET", kam.port("KAM_TEAM_PORT"), "/api/v1/teams/" + customerId, viewer, null);
            String keyAccountManager = member(team, "KEY_ACCOUNT_MANAGER");
            browser.findElement(By.cssSelector("form.who button")).click();
            wait.until(ExpectedConditions.urlContains("/sign-in"));
            browser.get(console + "/accounts/" + customerId);
            wait.until(ExpectedConditions.urlContains("/sign-in"));
            signIn("key-account-manager", keyAccountManager);
            wait.until(ExpectedConditions.urlContains("/accounts/" + customerId));
            WebElement mission = browser.findElement(By.id("mission-text"));
            mission.clear();
            mission.sendKeys("Become Aurora's strategic supplier in all four territories");
            browser.findElement(By.id("save-plan")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("mission"), "Become Aurora's strategic supplier in all four territories"));
            JsonNode plan = call("GET", kam.port("KAM_TEAM_PORT"), "/api/v1/teams/" + customerId + "/plan", viewer, null);
            assertThat(plan.path("mission").asText()).isEqualTo("Become Aurora's strategic supplier in all four territories");
            page("account-plan");

            // ... and is refused on a team they do not lead: no form, and the team service's refusal if the form is forged
            String otherCustomer = teamLedByAnotherManager(kam, viewer, keyAccountManager);
            browser.get(console + "/accounts/" + otherCustomer);
            assertThat(browser.findElements(By.id("mission-text"))).isEmpty();
            assertThat(browser.findElement(By.id("plan")).getText()).contains("The team's key account manager and sales ops change this plan.");
            @SuppressWarnings("unchecked")
            Map<String, Object> forged = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/accounts/%s/plan', {method: 'POST', body: new URLSearchParams({mission: 'not mine to set'}), redirect: 'manual'})
                        .then(r => r.text().then(body => done({status: r.status, body: body})));""".formatted(otherCustomer));
            assertThat(((Number) forged.get("status")).intValue()).isEqualTo(403);
            assertThat((String) forged.get("body")).contains(keyAccountManager + " is not the key account manager of customer " + otherCustomer);
            page("account-other-team");
        } finally {
            kam.run(Duration.ofMinutes(2), "down");
        }
    }

    private void signIn(String role, String subject) {
        browser.findElement(By.cssSelector("input[name=role][value='" + role + "']")).click();
        WebElement who = browser.findElement(By.id("subject"));
        who.clear();
        who.sendKeys(subject);
        who.submit();
    }

    /** Keeps a screenshot of the page and checks it with axe-core (WCAG 2.1 A and AA rules): nothing serious or critical. */
    private void page(String name) throws Exception {
        screenshot(name);
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(browser);
        List<String> serious = results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(ConsoleInBrowserTest::describe).toList();
        assertThat(serious).as("axe-core on " + name + " (" + browser.getCurrentUrl() + ")").isEmpty();
    }

    /** The whole page, not only the window: Chrome's DevTools capture beyond the viewport, clipped to the content. */
    @SuppressWarnings("unchecked")
    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        ChromeDriver chrome = (ChromeDriver) browser;
        Map<String, Object> metrics = chrome.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", ((Number) content.get("width")).doubleValue(),
                "height", Math.min(((Number) content.get("height")).doubleValue(), 6_000), "scale", 1);
        Map<String, Object> shot = chrome.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream().limit(3).map(node -> String.valueOf(node.getTarget())).toList();
    }

    /** On a tablet (768 px wide) the page reflows: nothing needs a sideways scroll. */
    private void tabletLayoutHolds(String name) throws Exception {
        Dimension laptop = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(768, 1024));
        try {
            Number overflow = (Number) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow.intValue()).as("horizontal overflow on a tablet").isLessThanOrEqualTo(0);
            screenshot(name);
        } finally {
            browser.manage().window().setSize(laptop);
        }
    }

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,900", "--lang=en");
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        return new ChromeDriver(driver, options);
    }

    private JsonNode awaitTeam(KamCommand kam, String viewer, String customerId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + kam.port("KAM_TEAM_PORT")
                    + "/api/v1/teams/" + customerId)).header("Authorization", "Bearer " + viewer).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                return JSON.readTree(answer.body());
            }
            assertThat(System.nanoTime()).as("a team for " + customerId + " within 90 s (last answer " + answer.statusCode() + ")").isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private String teamLedByAnotherManager(KamCommand kam, String viewer, String keyAccountManager) throws Exception {
        for (JsonNode other : call("GET", kam.port("KAM_TEAM_PORT"), "/api/v1/teams?status=ACTIVE&limit=500", viewer, null)) {
            String lead = member(other, "KEY_ACCOUNT_MANAGER");
            if (lead != null && !lead.equals(keyAccountManager)) {
                return other.path("customerId").asText();
            }
        }
        throw new AssertionError("the demo has no active team led by another key account manager");
    }

    private static String member(JsonNode team, String role) {
        for (JsonNode member : team.path("members")) {
            if (member.path("role").asText().equals(role)) {
                return member.path("employeeId").asText();
            }
        }
        return null;
    }

    private JsonNode call(String method, int port, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode() / 100).as(method + " " + path + ": " + answer.body()).isEqualTo(2);
        return JSON.readTree(answer.body());
    }

    private static String token(KamCommand kam, String role) throws Exception {
        KamCommand.Result token = kam.run(Duration.ofMinutes(1), "token", role);
        assertThat(token.exitCode()).as(token.output()).isZero();
        return token.output().strip();
    }
}
