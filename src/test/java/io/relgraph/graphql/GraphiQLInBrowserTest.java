package io.relgraph.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.relgraph.GraphQL;
import io.relgraph.auth.Role;
import io.relgraph.auth.TestTokens;

/**
 * GraphiQL as a person uses it, in a real Chromium (Debian's {@code chromium} and {@code chromium-driver}):
 * the page loads the schema (documentation explorer, completion), runs a query, refuses a mutation until a
 * token is pasted into the Headers tab, then runs it, and shows a subscription's event for a change made
 * elsewhere. Its IT does the same against the packaged application. Without the browser on the machine the
 * test is skipped and says so ({@code apt-get install -y chromium chromium-driver}; CI installs them).
 */
@QuarkusTest
public class GraphiQLInBrowserTest {

    static final Path CHROMIUM = Path.of(System.getProperty("relgraph.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("relgraph.test.chromedriver", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TestHTTPResource("/q/graphql-ui/")
    URL ui;

    /** One browser for the class (a Chromium start is seconds); each test loads the page anew. */
    private static ChromeDriver browser;
    private static Path profile;

    @BeforeEach
    void openGraphiQL() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String why = "GraphiQL browser test SKIPPED: no " + (Files.isExecutable(CHROMIUM) ? CHROMEDRIVER : CHROMIUM)
                    + " (apt-get install -y chromium chromium-driver)";
            System.err.println(why);
            Assumptions.abort(why);
        }
        if (browser == null) {
            profile = Files.createTempDirectory("relgraph-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            // the flags of a sandboxed, offline machine: as root, no GPU, no calls home
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--window-size=1400,1000", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
            browser = new ChromeDriver(service, options);
        }
        browser.get(ui.toString());
        await("GraphiQL's editors", d -> count(".CodeMirror") >= 4);
    }

    @AfterEach
    void screenshot() throws Exception {
        if (browser != null) {
            Files.write(Path.of("target", getClass().getSimpleName() + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        }
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void theSchemaLoadsIntoTheDocumentationExplorerAndTheCompletion() {
        browser.findElement(By.cssSelector("[aria-label='Show Documentation Explorer']")).click();
        await("the documentation explorer's root types", d -> text(".graphiql-doc-explorer").contains("Query"));
        browser.findElement(By.cssSelector(".graphiql-doc-explorer a.graphiql-doc-explorer-type-name")).click();
        await("Query's fields in the explorer", d -> text(".graphiql-doc-explorer").contains("departmentByName"));

        setEditor(0, "{ departmentB");
        WebElement query = browser.findElement(By.cssSelector(".graphiql-query-editor .CodeMirror"));
        query.click();
        script("const cm = document.querySelectorAll('.CodeMirror')[0].CodeMirror; cm.focus(); cm.setCursor(0, 13);");
        new Actions(browser).keyDown(Keys.CONTROL).sendKeys(Keys.SPACE).keyUp(Keys.CONTROL).perform();
        await("completion offering departmentByName", d -> text(".CodeMirror-hints").contains("departmentByName"));
    }

    @Test
    void aQueryRuns() {
        List<String> names = Database.rows("select name from department order by id limit 5").stream()
                .map(r -> (String) r.get("name")).toList();
        run("{ departments(first: 5) { name } }");
        String result = awaitResult(r -> r.contains("\"departments\""));
        for (String name : names) {
            assertTrue(result.contains("\"" + name + "\""), () -> "GraphiQL shows " + result + ", not department " + name);
        }
        assertTrue(!result.contains("\"errors\""), result);
    }

    @Test
    void aMutationNeedsTheTokenPastedIntoTheHeadersTab() {
        String name = GraphQL.unique("FromGraphiQL");
        String mutation = "mutation { createDepartment(name: \"" + name + "\") { id name } }";
        run(mutation);
        String refused = awaitResult(r -> r.contains("errors"));
        assertTrue(refused.contains("UNAUTHORIZED"), refused);
        assertEquals(0L, Database.count("select count(*) from department where name = ?", name));

        browser.findElement(By.xpath("//button[normalize-space()='Headers']")).click();
        await("the headers editor", d -> (Boolean) script(
                "return !document.querySelectorAll('.graphiql-editor-tool .graphiql-editor')[1].classList.contains('hidden')"));
        setEditor(2, "{\"Authorization\": \"Bearer " + TestTokens.of(Role.WRITER) + "\"}");
        run(mutation);
        String created = awaitResult(r -> r.contains("createDepartment"));
        assertTrue(created.contains("\"" + name + "\""), created);
        assertEquals(1L, Database.count("select count(*) from department where name = ?", name));
    }

    @Test
    void aSubscriptionShowsAChangeMadeElsewhere() throws Exception {
        long id = GraphQL.as(TestTokens.bearer(TestTokens.admin()))
                .ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", GraphQL.unique("Watched"))
                .getLong("data.createDepartment.id");
        run("subscription { departmentChanged(id: " + id + ") { kind department { id name } } }");
        // the WebSocket opens in the background: rename until GraphiQL shows one of the names (each rename is an event)
        String shown = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (shown == null && System.nanoTime() < deadline) {
            String name = GraphQL.unique("Renamed");
            GraphQL.as(TestTokens.bearer(TestTokens.admin())).ok("mutation($id: ID!, $n: String!) { renameDepartment(id: $id, name: $n) { id } }",
                    "id", id, "n", name);
            for (int i = 0; i < 10 && shown == null; i++) {
                Thread.sleep(200);
                String result = result();
                if (result.contains("\"RENAMED\"") && result.contains("\"" + name + "\"")) {
                    shown = result;
                }
                assertTrue(!result.contains("\"errors\""), () -> "GraphiQL shows an error for the subscription: " + result);
            }
        }
        assertTrue(shown != null, () -> "GraphiQL never showed a rename; it shows: " + result());
        assertTrue(Database.count("select count(*) from department where id = ? and name like 'Renamed%'", id) == 1);
    }

    private void run(String document) {
        setEditor(0, document);
        // GraphiQL takes an edit in after a debounce (its parsed document decides HTTP or WebSocket); SmallRye's
        // page writes the taken text into the URL then: run only once it is there
        await("the query taken by GraphiQL", d -> document.equals(script("return new URLSearchParams(window.location.search).get('query')")));
        browser.findElement(By.cssSelector(".graphiql-execute-button")).click();
    }

    private void setEditor(int index, String text) {
        script("document.querySelectorAll('.CodeMirror')[" + index + "].CodeMirror.setValue(arguments[0])", text);
    }

    private String result() {
        return (String) script("return document.querySelectorAll('.CodeMirror')[3].CodeMirror.getValue()");
    }

    private String awaitResult(Predicate<String> done) {
        await("a result in GraphiQL's result pane", d -> done.test(result()));
        return result();
    }

    private long count(String css) {
        return ((Number) script("return document.querySelectorAll(arguments[0]).length", css)).longValue();
    }

    private String text(String css) {
        Object text = script("const e = document.querySelector(arguments[0]); return e ? e.innerText : ''", css);
        return text == null ? "" : (String) text;
    }

    private Object script(String js, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(js, args);
    }

    private void await(String what, java.util.function.Function<WebDriver, Boolean> condition) {
        try {
            new WebDriverWait(browser, WAIT).ignoring(RuntimeException.class).until(condition::apply);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("GraphiQL never showed " + what + " within " + WAIT.toSeconds() + " s; result pane: "
                    + result() + " (screenshot: target/" + getClass().getSimpleName() + ".png)");
        }
    }
}
