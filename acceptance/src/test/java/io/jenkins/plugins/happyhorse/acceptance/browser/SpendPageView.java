package io.jenkins.plugins.happyhorse.acceptance.browser;

import io.jenkins.plugins.happyhorse.acceptance.harness.Waits;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A spend page (Manage Jenkins » HappyHorse spend, or a job's) in the browser: the bars of its
 * chart as the page drew them, and the figures its tiles show.
 */
public final class SpendPageView {
    private final Browser browser;
    private final URI url;

    public SpendPageView(Browser browser, URI url) {
        this.browser = browser;
        this.url = url;
    }

    /** Opens the page and waits until its chart is in the document. */
    public SpendPageView open() {
        browser.open(url);
        Waits.untilTrue("the spend chart at " + url, Duration.ofSeconds(30), () -> !browser.driver()
                .findElements(By.cssSelector("svg.happyhorse-spend-chart"))
                .isEmpty());
        return this;
    }

    /** A bar of the chart: its day, the amount it stands for, and its drawn height in pixels. */
    public record Bar(LocalDate day, BigDecimal usd, double heightPixels, String tooltip) {}

    /** The chart's bars, oldest day first. */
    @SuppressWarnings("unchecked")
    public List<Bar> bars() {
        List<Map<String, Object>> raw = (List<Map<String, Object>>) browser.script(
                "return Array.from(document.querySelectorAll('svg.happyhorse-spend-chart rect.happyhorse-spend-bar'))"
                        + ".map(function (r) { return {day: r.getAttribute('data-day'), usd: r.getAttribute('data-usd'),"
                        + " height: r.getBoundingClientRect().height,"
                        + " title: (r.querySelector('title') || {textContent: ''}).textContent}; });");
        List<Bar> bars = new ArrayList<>();
        for (Map<String, Object> b : raw) {
            bars.add(new Bar(
                    LocalDate.parse((String) b.get("day")),
                    new BigDecimal((String) b.get("usd")),
                    ((Number) b.get("height")).doubleValue(),
                    (String) b.get("title")));
        }
        return bars;
    }

    /** The text of the tile or element {@code cssSelector}, e.g. {@code .happyhorse-spend-90-total}. */
    public String text(String cssSelector) {
        WebElement element = browser.driver().findElement(By.cssSelector(cssSelector));
        return element.getText().trim();
    }

    /** The rows of the table {@code cssSelector}, each as its cells' text. */
    public List<List<String>> rows(String cssSelector) {
        List<List<String>> rows = new ArrayList<>();
        for (WebElement tr : browser.driver().findElements(By.cssSelector(cssSelector + " tbody tr"))) {
            rows.add(tr.findElements(By.tagName("td")).stream()
                    .map(td -> td.getText().trim())
                    .toList());
        }
        return rows;
    }
}
