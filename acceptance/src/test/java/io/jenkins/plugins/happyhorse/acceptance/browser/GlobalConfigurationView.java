package io.jenkins.plugins.happyhorse.acceptance.browser;

import io.jenkins.plugins.happyhorse.acceptance.harness.Waits;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** Manage Jenkins » System ({@code /manage/configure}) in the browser, the plugin's section of it. */
public final class GlobalConfigurationView {
    private final Browser browser;
    private final URI root;

    public GlobalConfigurationView(Browser browser, URI root) {
        this.browser = browser;
        this.root = root;
    }

    public GlobalConfigurationView open() {
        browser.open(root.resolve("manage/configure"));
        Waits.untilTrue(
                "the HappyHorse section on the configuration page", Duration.ofMinutes(1), () -> !browser.driver()
                        .findElements(By.name("_.defaultCredentialsId"))
                        .isEmpty());
        return this;
    }

    /** Opens the section's "Hosts and prices" (an advanced block) when it is closed. */
    public GlobalConfigurationView showHostsAndPrices() {
        if (field("waveSpeedBaseUrl").isDisplayed()) {
            return this;
        }
        WebElement button =
                browser.driver().findElement(By.xpath("//button[contains(normalize-space(.), 'Hosts and prices')]"));
        browser.script("arguments[0].scrollIntoView({block: 'center'})", button);
        button.click();
        Waits.untilTrue("the base URL fields to show", Duration.ofSeconds(30), () -> field("waveSpeedBaseUrl")
                .isDisplayed());
        return this;
    }

    /** The input of the plugin's field {@code name}. */
    public WebElement field(String name) {
        List<WebElement> found = browser.driver().findElements(By.name("_." + name));
        if (found.isEmpty()) {
            throw new AssertionError("no field " + name + " on the configuration page");
        }
        return found.get(0);
    }

    /** Types {@code value} into a text field (replacing what was there) and leaves the field. */
    public GlobalConfigurationView type(String name, String value) {
        WebElement input = field(name);
        browser.script("arguments[0].scrollIntoView({block: 'center'})", input);
        input.click();
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(value);
        input.sendKeys(Keys.TAB);
        return this;
    }

    /**
     * Waits (bounded) until the field's check shows a message containing {@code text}; the message.
     * Jenkins attaches its field checks to a section's fields when the page (or the section) has
     * been set up, which may be after the value was typed: while no message shows, the field's
     * change is signalled again every few seconds, as leaving the field again would.
     */
    public String awaitCheckMessage(String name, String text) {
        long[] lastSignal = {System.nanoTime()};
        return Waits.until("the check of " + name + " to say \"" + text + "\"", Duration.ofMinutes(1), () -> {
            Object message = browser.script(
                    """
                    const input = arguments[0];
                    const entry = input.closest('.jenkins-form-item, .setting-main, tr') || input.parentElement;
                    const scope = entry.parentElement || entry;
                    const areas = scope.querySelectorAll('.validation-error-area, .error, .warning');
                    return Array.from(areas).map(a => a.innerText).join(' | ');
                    """,
                    field(name));
            String shown = String.valueOf(message);
            if (shown.contains(text)) {
                return Waits.Poll.done(shown);
            }
            if (System.nanoTime() - lastSignal[0] > Duration.ofSeconds(3).toNanos()) {
                browser.script(
                        "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));"
                                + " arguments[0].dispatchEvent(new Event('blur'));",
                        field(name));
                lastSignal[0] = System.nanoTime();
            }
            return Waits.Poll.<String>notYet("shown: " + shown);
        });
    }

    /** Chooses the credential {@code id} in the plugin's "Default API key" list (filled by the page). */
    public GlobalConfigurationView chooseDefaultCredential(String id) {
        WebElement element = field("defaultCredentialsId");
        Waits.untilTrue("the credential " + id + " to be listed", Duration.ofMinutes(1), () -> !element.findElements(
                        By.cssSelector("option[value='" + id + "']"))
                .isEmpty());
        browser.script("arguments[0].scrollIntoView({block: 'center'})", element);
        new Select(element).selectByValue(id);
        return this;
    }

    /** The value chosen in the "Default API key" list. */
    public String defaultCredential() {
        WebElement element = field("defaultCredentialsId");
        Waits.untilTrue("the credentials list to be filled", Duration.ofMinutes(1), () -> !element.findElements(
                        By.tagName("option"))
                .isEmpty());
        return String.valueOf(browser.script("return arguments[0].value", element));
    }

    /** The value of a text field. */
    public String value(String name) {
        return String.valueOf(browser.script("return arguments[0].value", field(name)));
    }

    /** Saves the page (its Save button) and waits until Jenkins has moved on. */
    public void save() {
        WebElement save = browser.driver().findElement(By.name("Submit"));
        browser.script("arguments[0].scrollIntoView({block: 'center'})", save);
        save.click();
        Waits.untilTrue(
                "the configuration to be saved",
                Duration.ofMinutes(1),
                () -> !browser.driver().getCurrentUrl().endsWith("/configure")
                        && "complete".equals(browser.script("return document.readyState")));
    }
}
