package io.jenkins.plugins.happyhorse.acceptance.browser;

import io.jenkins.plugins.happyhorse.acceptance.harness.JavaProcesses;
import io.jenkins.plugins.happyhorse.acceptance.harness.Waits;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * Headless Chromium from the distribution ({@code /usr/bin/chromium}), driven through its
 * ChromeDriver ({@code /usr/bin/chromedriver}) by Selenium. ChromeDriver is started on port 0 and
 * the port it prints is used, so no free port is guessed; Chromium gets a fresh profile folder and
 * the flags that keep it off the network. The browser's console is recorded, so a page can be
 * checked for errors, content security policy violations included.
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("HH_CHROMIUM", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER =
            Path.of(System.getenv().getOrDefault("HH_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private static final Pattern STARTED = Pattern.compile("started successfully on port (\\d+)");

    private final Process driverProcess;
    private final RemoteWebDriver driver;
    private final Path reports;
    private final List<LogEntry> console = new ArrayList<>();

    private Browser(Process driverProcess, RemoteWebDriver driver, Path reports) {
        this.driverProcess = driverProcess;
        this.driver = driver;
        this.reports = reports;
    }

    /** Whether the distribution's Chromium and ChromeDriver are installed. */
    public static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /**
     * Starts ChromeDriver and a headless Chromium with a new profile under {@code dir}.
     *
     * @param dir for the profile and ChromeDriver's log
     * @param reports where screenshots go
     */
    public static Browser start(Path dir, Path reports) throws IOException {
        if (!installed()) {
            throw new IllegalStateException("Chromium and ChromeDriver are needed at " + CHROMIUM + " and "
                    + CHROMEDRIVER + " (Debian: apt-get install -y chromium chromium-driver)");
        }
        Files.createDirectories(dir);
        Files.createDirectories(reports);
        Path profile = Files.createTempDirectory(dir, "profile-");
        // A log of its own for each start: the port is read from it.
        Path log = Files.createTempFile(dir, "chromedriver-", ".log");
        Process process = JavaProcesses.start(new ProcessBuilder(CHROMEDRIVER.toString(), "--port=0")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())));
        try {
            int port = Waits.until("ChromeDriver to say its port (" + log + ")", Duration.ofSeconds(60), () -> {
                Matcher m = STARTED.matcher(JavaProcesses.read(log));
                if (m.find()) {
                    return Waits.Poll.done(Integer.parseInt(m.group(1)));
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("ChromeDriver exited: " + JavaProcesses.read(log));
                }
                return Waits.Poll.<Integer>notYet(JavaProcesses.read(log));
            });
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--user-data-dir=" + profile,
                    "--window-size=1400,1100");
            options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
            URL url = URI.create("http://127.0.0.1:" + port).toURL();
            RemoteWebDriver driver = new RemoteWebDriver(url, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofMinutes(2));
            driver.manage().timeouts().scriptTimeout(Duration.ofMinutes(1));
            return new Browser(process, driver, reports);
        } catch (RuntimeException | Error | IOException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens {@code url} and waits until the document has loaded. */
    public void open(URI url) {
        driver.get(url.toString());
        awaitLoaded();
    }

    /** Waits until the current document has loaded. */
    public void awaitLoaded() {
        Waits.untilTrue("the page to load", Duration.ofMinutes(1), () -> "complete"
                .equals(script("return document.readyState")));
    }

    /** Signs in through Jenkins' login form. */
    public void signIn(URI root, String user, String password) {
        open(root.resolve("login"));
        driver.findElement(By.name("j_username")).sendKeys(user);
        driver.findElement(By.name("j_password")).sendKeys(password);
        driver.findElement(By.name("Submit")).click();
        Waits.untilTrue(
                "the sign-in to complete",
                Duration.ofMinutes(1),
                () -> !driver.getCurrentUrl().contains("login")
                        && "complete".equals(script("return document.readyState")));
    }

    /** Runs a script in the page; its result. */
    public Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    /** Runs an asynchronous script (its last argument is the callback); its result. */
    public Object asyncScript(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeAsyncScript(javascript, arguments);
    }

    /** Every console entry since the browser started (the log is read and kept). */
    public List<LogEntry> consoleEntries() {
        console.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
        return List.copyOf(console);
    }

    /** The console's errors (level SEVERE), content security policy violations among them. */
    public List<String> consoleErrors() {
        return consoleEntries().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(entry -> entry.getLevel() + " " + entry.getMessage())
                .toList();
    }

    /** Saves a screenshot of the window as {@code name}.png with the reports; its path. */
    public Path screenshot(String name) throws IOException {
        Path file = reports.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /**
     * Saves a screenshot of the whole page, not only the window, as {@code file}: the window is
     * made as tall as the document for the shot (at most 8,000 pixels) and given its size back.
     */
    public Path fullPageScreenshot(Path file) throws IOException {
        Dimension before = driver.manage().window().getSize();
        Number height = (Number)
                script("return Math.ceil(Math.max(document.documentElement.scrollHeight, document.body.scrollHeight))");
        try {
            driver.manage().window().setSize(new Dimension(before.getWidth(), Math.min(8000, height.intValue() + 160)));
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } catch (RuntimeException e) {
            // The browser is gone already; the driver process is ended below either way.
        } finally {
            JavaProcesses.stop(driverProcess, Duration.ofSeconds(20));
        }
    }
}
