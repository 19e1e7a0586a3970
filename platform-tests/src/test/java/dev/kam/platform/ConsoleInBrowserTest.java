package dev.kam.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kam.contracts.PlatformFacts;
import dev.kam.infrastructure.DevTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser (Debian's headless chromium, driven by Selenium through chromedriver) on a platform
 * started by {@code ./kam up} and loaded by {@code ./kam demo}: sales ops find a national account, read why it is one
 * and its history, apply its staffing proposal and watch the team turn ACTIVE without reloading; its key account
 * manager edits the plan of the team they lead and is refused on another team's; axe-core finds no serious or
 * critical accessibility violation on any page. Then the console is started again in production mode and a key
 * account manager signs in through the organisation's OpenID Connect provider. Screenshots of each page are kept in
 * target/console-screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Turn(Turn.DEMO_CHANGED)
class ConsoleInBrowserTest {

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

    static Path home;
    static KamCommand kam;
    static String console;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ConsoleBrowser chromium;
    private WebDriver browser;

    @AfterEach
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private void page(String name) throws IOException {
        chromium.page(name);
    }

    /**
     * Both tests share the platform loaded with the demo's portfolio ({@link DemoPlatform}, after DemoAndTracingTest has
     * read it unchanged); the second restarts the console in production mode.
     */
    @BeforeAll
    static void upWithTheDemosPortfolio() throws Exception {
        DemoPlatform platform = DemoPlatform.get();
        kam = platform.kam;
        home = kam.home;
        console = "http://localhost:" + kam.port(PlatformFacts.console().portVariable());
        assertThat(platform.up.output()).contains("Open the console: " + console);
        assertThat(platform.firstDemo.output()).contains("See it in the console: " + console);
    }

    @Test
    @Order(1)
    void salesOpsStaffAnAccountLiveAndItsKeyAccountManagerEditsOnlyTheirOwnPlan() throws Exception {
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

        chromium = new ConsoleBrowser();
        browser = chromium.driver();
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
        assertThat(browser.findElement(By.cssSelector("table.accounts tbody tr .mini-criteria")).getText())
                .as("each account's three criteria").contains("Potential", "Complexity", "Partnership");
        page("portfolio");
        // with the keyboard: the first Tab offers to skip the navigation, and Enter on it goes to the page's content
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement skip = browser.switchTo().activeElement();
        assertThat(skip.getAttribute("href")).endsWith("#main");
        skip.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("#main"));
        tabletLayoutHolds("portfolio-tablet");

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
        // the score as of a date: the customer had none before it was synced
        ((JavascriptExecutor) browser).executeScript("const asOf = document.getElementById('asOf'); asOf.value = '2020-01-01T00:00'; asOf.form.submit();");
        wait.until(ExpectedConditions.urlContains("asOf=2020-01-01"));
        assertThat(browser.findElement(By.cssSelector("#history caption")).getText()).isEqualTo("Recorded scores up to 2020-01-01T00:00");
        assertThat(browser.findElements(By.cssSelector("#history tbody tr"))).as("no score as of 2020").isEmpty();
        browser.get(console + "/accounts/" + customerId);
        assertThat(browser.findElements(By.cssSelector("#history tbody tr"))).as("today's score").isNotEmpty();
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

        // sales ops force the tier of an account on the watch list, for a while and with a reason, and lift it again
        browser.findElement(By.linkText("Portfolio")).click();
        wait.until(ExpectedConditions.urlContains("/portfolio"));
        browser.findElement(By.cssSelector("section[aria-labelledby='watch-heading'] tbody th a")).click();
        wait.until(ExpectedConditions.urlContains("/accounts/"));
        browser.findElement(By.cssSelector("details.override summary")).click();
        new Select(browser.findElement(By.id("override-tier"))).selectByValue("KEY_ACCOUNT");
        browser.findElement(By.id("override-reason")).sendKeys("entry into the Japanese market, agreed with the board");
        assertThat(browser.findElement(By.id("override-expires")).getAttribute("value")).as("an end is proposed").matches("\\d{4}-\\d{2}-\\d{2}");
        browser.findElement(By.xpath("//button[text()='Set the override']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("explanation"),
                "Overridden by sales ops (ops-in-browser): tier KEY_ACCOUNT, entry into the Japanese market, agreed with the board, until "));
        page("account-override");
        browser.findElement(By.cssSelector("details.override summary")).click();
        browser.findElement(By.xpath("//button[text()='Lift the override']")).click();
        wait.until(driver -> !driver.findElement(By.id("explanation")).getText().contains("Overridden by sales ops"));

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
    }

    private void signIn(String role, String subject) {
        browser.findElement(By.cssSelector("input[name=role][value='" + role + "']")).click();
        WebElement who = browser.findElement(By.id("subject"));
        who.clear();
        who.sendKeys(subject);
        who.submit();
    }

    /**
     * The console in production mode ({@code KAM_CONSOLE_SIGN_IN=oidc}): a key account manager signs in through the
     * organisation's OpenID Connect provider (authorization-code flow with PKCE, {@link OidcProviderDouble}), comes back
     * to the page they asked for, and edits the plan of the team they lead with the provider's access token, which the
     * services accept and match to the team by {@code preferred_username} (its {@code sub} is opaque). A callback this
     * browser did not start is refused; signing out ends the provider's session too, and the next page asks it again.
     */
    @Test
    @Order(2)
    void aKeyAccountManagerSignsInThroughTheOrganisationsProviderAndEditsTheirPlan() throws Exception {
        String customerId = call("PUT", kam.port("KAM_CUSTOMER_PORT"), "/api/v1/customers/by-external-ref/salesforce/oidc-test-1",
                token(kam, "crm-integration"), NATIONAL_CUSTOMER.replace("Aurora Browser Test Holdings", "Borealis Sign-in Test GmbH")).path("id").asText();
        String salesOps = token(kam, "sales-ops");
        call("PUT", kam.port("KAM_TEAM_PORT"), "/api/v1/staff/OIDC-KAM", salesOps,
                "{\"name\": \"Ola Berg\", \"function\": \"KEY_ACCOUNT_MANAGER\", \"regions\": [\"DE-NORTH\"], \"capacity\": 4}");
        awaitTeam(kam, token(kam, "viewer"), customerId);
        call("POST", kam.port("KAM_TEAM_PORT"), "/api/v1/teams/" + customerId + "/members", salesOps,
                "{\"employeeId\": \"OIDC-KAM\", \"role\": \"KEY_ACCOUNT_MANAGER\"}");

        try (OidcProviderDouble provider = new OidcProviderDouble(home.resolve("keys"), DevTokens.ISSUER)) {
            kam.environment.put("KAM_CONSOLE_SIGN_IN", "oidc");
            kam.environment.put("KAM_CONSOLE_OIDC_PROVIDER", provider.url());
            kam.environment.put("KAM_CONSOLE_OIDC_CLIENT_ID", OidcProviderDouble.CLIENT_ID);
            kam.environment.put("KAM_CONSOLE_OIDC_CLIENT_SECRET", OidcProviderDouble.CLIENT_SECRET);
            KamCommand.Result stop = kam.run(Duration.ofMinutes(1), "stop", "console");
            assertThat(stop.exitCode()).as(stop.output()).isZero();
            KamCommand.Result start = kam.run(Duration.ofMinutes(2), "start", "console");
            assertThat(start.exitCode()).as(start.output()).isZero();

            chromium = new ConsoleBrowser();
            browser = chromium.driver();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

            // a page of the console sends the browser to the provider, and the provider back to that page
            browser.get(console + "/accounts/" + customerId);
            wait.until(ExpectedConditions.urlContains(provider.url() + "/authorize"));
            browser.findElement(By.id("username")).sendKeys("OIDC-KAM");
            new Select(browser.findElement(By.id("group"))).selectByValue("key-account-manager");
            browser.findElement(By.id("provider-sign-in")).click();
            wait.until(ExpectedConditions.urlToBe(console + "/accounts/" + customerId));
            assertThat(provider.refusals).as("the token endpoint's refusals").isEmpty();
            assertThat(browser.findElement(By.cssSelector("form.who")).getText()).contains("Signed in as OIDC-KAM (Key account manager)");

            // the provider's access token goes to the services, which know the user as the team's key account manager
            WebElement mission = browser.findElement(By.id("mission-text"));
            mission.clear();
            mission.sendKeys("Win Borealis' second plant");
            browser.findElement(By.id("save-plan")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("mission"), "Win Borealis' second plant"));
            JsonNode plan = call("GET", kam.port("KAM_TEAM_PORT"), "/api/v1/teams/" + customerId + "/plan", token(kam, "viewer"), null);
            assertThat(plan.path("mission").asText()).isEqualTo("Win Borealis' second plant");

            // the local role chooser is gone: its form is refused
            @SuppressWarnings("unchecked")
            Map<String, Object> local = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/sign-in', {method: 'POST', body: new URLSearchParams({role: 'sales-ops', subject: 'me'}), redirect: 'manual'})
                        .then(r => r.text().then(body => done({status: r.status, body: body})));""");
            assertThat(((Number) local.get("status")).intValue()).isEqualTo(400);
            assertThat((String) local.get("body")).contains("Sign-in failed", "signs people in through the organisation", "identity provider")
                    .doesNotContain("name=\"role\"");

            // a callback this browser did not start completes no sign-in
            browser.get(console + "/sign-in/callback?code=stolen&state=forged");
            assertThat(browser.findElement(By.tagName("main")).getText()).contains("Sign-in failed", "was not started in this browser");
            page("sign-in-failed");

            // signing out ends the provider's session too; the next page asks the provider again
            browser.get(console + "/portfolio");
            browser.findElement(By.cssSelector("form.who button")).click();
            wait.until(ExpectedConditions.urlToBe(console + "/signed-out"));
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Signed out");
            page("signed-out");
            browser.get(console + "/portfolio");
            wait.until(ExpectedConditions.urlContains(provider.url() + "/authorize"));
        }
    }

    /** On a tablet (768 px wide) the page reflows: nothing needs a sideways scroll. */
    private void tabletLayoutHolds(String name) throws Exception {
        Dimension laptop = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(768, 1024));
        try {
            Number overflow = (Number) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow.intValue()).as("horizontal overflow on a tablet").isLessThanOrEqualTo(0);
            chromium.screenshot(name);
        } finally {
            browser.manage().window().setSize(laptop);
        }
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
        for (JsonNode other : call("GET", kam.port("KAM_TEAM_PORT"), "/api/v1/teams?status=ACTIVE&limit=500", viewer, null).path("items")) {
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
