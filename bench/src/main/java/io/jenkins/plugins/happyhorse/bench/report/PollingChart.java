package io.jenkins.plugins.happyhorse.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws the polling trade-off as a PNG with Java2D: p95 completion-detection delay against
 * requests per render, the fixed-interval baseline points joined by a line, the engine's point,
 * the engine's point with the hosts' callbacks (webhooks) when the results have one, and the
 * target region (at most 60 % of the 2 s baseline's requests at no worse p95). The run with lost
 * callbacks is named in the legend: its p95 is far off this chart's scale.
 */
public final class PollingChart {
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 640;
    private static final int LEFT = 100;
    private static final int RIGHT = 40;
    private static final int TOP = 108;
    private static final int BOTTOM = 80;
    private static final Color FIXED = new Color(0x1F, 0x5F, 0xB4);
    private static final Color ENGINE = new Color(0xD2, 0x4B, 0x0F);
    private static final Color TARGET = new Color(0x2E, 0x8B, 0x57);
    private static final Color WEBHOOK = new Color(0x7B, 0x2C, 0xBF);
    private static final Color GRID = new Color(0xE3, 0xE3, 0xE3);

    private PollingChart() {}

    private record Point(String label, double interval, double requests, double p95) {}

    /**
     * Draws the chart of a polling scenario's result ({@code curve}, {@code settings}) into
     * {@code png}.
     *
     * @param maxShare the target's share of the 2 s baseline's requests (0.6)
     */
    public static void draw(JsonNode polling, double maxShare, Path png) throws IOException {
        List<Point> fixed = new ArrayList<>();
        Point engine = null;
        Point webhook = null;
        Point webhookLost = null;
        for (JsonNode p : polling.path("curve")) {
            Point point = new Point(
                    p.path("label").asText(),
                    p.path("intervalSeconds").asDouble(Double.NaN),
                    p.path("requestsPerRender").asDouble(Double.NaN),
                    p.path("p95DelaySeconds").asDouble(Double.NaN));
            switch (p.path("kind").asText()) {
                case "engine" -> engine = point;
                case "webhook" -> webhook = point;
                case "webhook-lost" -> webhookLost = point;
                default -> fixed.add(point);
            }
        }
        fixed.sort(Comparator.comparingDouble(Point::interval));
        if (engine == null || fixed.isEmpty()) {
            throw new IllegalArgumentException("the polling result has no curve to draw");
        }
        Point two = fixed.stream().filter(p -> p.interval() == 2.0).findFirst().orElse(null);

        double maxX = engine.requests();
        double maxY = engine.p95();
        if (webhook != null) {
            maxX = Math.max(maxX, webhook.requests());
            maxY = Math.max(maxY, webhook.p95());
        }
        for (Point p : fixed) {
            maxX = Math.max(maxX, p.requests());
            maxY = Math.max(maxY, p.p95());
        }
        Axis x = Axis.of(maxX * 1.08);
        Axis y = Axis.of(maxY * 1.12);

        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            Plot plot = new Plot(x, y);

            // Target region first, under everything else.
            if (two != null) {
                int x0 = plot.px(0);
                int x1 = plot.px(two.requests() * maxShare);
                int y0 = plot.py(two.p95());
                int y1 = plot.py(0);
                g.setColor(new Color(TARGET.getRed(), TARGET.getGreen(), TARGET.getBlue(), 28));
                g.fillRect(x0, y0, x1 - x0, y1 - y0);
                g.setColor(TARGET);
                g.setStroke(new BasicStroke(
                        1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 5f}, 0f));
                g.drawLine(x1, y0, x1, y1);
                g.drawLine(x0, y0, x1, y0);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
                String t1 = "target: ≤ " + Math.round(maxShare * 100) + " % of the 2 s baseline's requests";
                String t2 = "at no worse p95 delay";
                // Inside the region, near the axis, where no point of the curve can fall; on a
                // white box where it runs past the region's edge.
                FontMetrics small = g.getFontMetrics();
                g.setColor(new Color(255, 255, 255, 220));
                g.fillRect(x0 + 4, y1 - 40, small.stringWidth(t1) + 8, 36);
                g.setColor(TARGET);
                g.drawString(t1, x0 + 8, y1 - 26);
                g.drawString(t2, x0 + 8, y1 - 10);
            }

            // Grid and axes.
            g.setStroke(new BasicStroke(1f));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            FontMetrics fm = g.getFontMetrics();
            for (double v = 0; v <= x.max + 1e-9; v += x.step) {
                int px = plot.px(v);
                g.setColor(GRID);
                g.drawLine(px, plot.py(y.max), px, plot.py(0));
                g.setColor(Color.DARK_GRAY);
                String s = Report.number(v);
                g.drawString(s, px - fm.stringWidth(s) / 2, plot.py(0) + 20);
            }
            for (double v = 0; v <= y.max + 1e-9; v += y.step) {
                int py = plot.py(v);
                g.setColor(GRID);
                g.drawLine(plot.px(0), py, plot.px(x.max), py);
                g.setColor(Color.DARK_GRAY);
                String s = Report.number(v);
                g.drawString(s, plot.px(0) - 10 - fm.stringWidth(s), py + 5);
            }
            g.setColor(Color.BLACK);
            g.drawLine(plot.px(0), plot.py(0), plot.px(x.max), plot.py(0));
            g.drawLine(plot.px(0), plot.py(0), plot.px(0), plot.py(y.max));

            // Fixed-interval curve.
            g.setColor(FIXED);
            g.setStroke(new BasicStroke(2.2f));
            Path2D line = new Path2D.Double();
            for (int i = 0; i < fixed.size(); i++) {
                Point p = fixed.get(i);
                if (i == 0) {
                    line.moveTo(plot.px(p.requests()), plot.py(p.p95()));
                } else {
                    line.lineTo(plot.px(p.requests()), plot.py(p.p95()));
                }
            }
            g.draw(line);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            for (Point p : fixed) {
                int px = plot.px(p.requests());
                int py = plot.py(p.p95());
                g.fillOval(px - 5, py - 5, 10, 10);
                g.drawString("every " + Report.number(p.interval()) + " s", px + 8, py - 8);
            }

            // The engine.
            int ex = plot.px(engine.requests());
            int ey = plot.py(engine.p95());
            g.setColor(ENGINE);
            Polygon diamond = new Polygon(new int[] {ex, ex + 9, ex, ex - 9}, new int[] {ey - 9, ey, ey + 9, ey}, 4);
            g.fillPolygon(diamond);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            String engineLabel = String.format(
                    Locale.ROOT,
                    "engine: %s requests, p95 %s s",
                    Report.number(engine.requests()),
                    Report.number(engine.p95()));
            FontMetrics bold = g.getFontMetrics();
            // On a white box, so that the target's dashed lines do not run through the text.
            g.setColor(new Color(255, 255, 255, 220));
            g.fillRect(ex + 10, ey + 8, bold.stringWidth(engineLabel) + 8, bold.getHeight() + 2);
            g.setColor(ENGINE);
            g.drawString(engineLabel, ex + 14, ey + 8 + bold.getAscent());

            // The engine completed by the hosts' callbacks.
            if (webhook != null) {
                int wx = plot.px(webhook.requests());
                int wy = plot.py(webhook.p95());
                g.setColor(WEBHOOK);
                g.fillRect(wx - 7, wy - 7, 14, 14);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
                String webhookLabel = String.format(
                        Locale.ROOT,
                        "engine + webhooks: %s requests, p95 %s s",
                        Report.number(webhook.requests()),
                        Report.number(webhook.p95()));
                FontMetrics wm = g.getFontMetrics();
                // Right of the target region, whose own text sits near this point.
                int lx = two == null ? wx + 14 : Math.max(wx + 14, plot.px(two.requests() * maxShare) + 12);
                int ly = wy + wm.getAscent() / 2;
                g.setColor(new Color(255, 255, 255, 220));
                g.fillRect(lx - 4, ly - wm.getAscent(), wm.stringWidth(webhookLabel) + 8, wm.getHeight() + 2);
                g.setColor(WEBHOOK);
                g.drawString(webhookLabel, lx, ly);
            }

            // Titles and legend.
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            g.drawString("Completion-detection delay (p95) against requests per render", LEFT, 34);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            JsonNode settings = polling.path("settings");
            g.drawString(
                    String.format(
                            Locale.ROOT,
                            "%d renders per point, WaveSpeed wire format, processing 60–300 simulated s (grows with"
                                    + " length and resolution, ±25 %%), time scale %s",
                            settings.path("rendersPerVariant").asInt(),
                            Report.number(settings.path("timeScale").asDouble())),
                    LEFT,
                    56);
            String legend = "blue: thread-per-render loop sleeping a fixed interval (each point measured); orange: the"
                    + " engine";
            g.drawString(legend, LEFT, 74);
            if (webhook != null) {
                String hooks = "purple: the engine with the hosts' callbacks delivered (time scale "
                        + Report.number(settings.path("webhookTimeScale").asDouble(Double.NaN)) + ")";
                if (webhookLost != null) {
                    hooks += "; with 10 % of them lost, p95 " + Report.number(webhookLost.p95()) + " s (off the chart)";
                }
                g.drawString(hooks, LEFT, 92);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            String xl = "requests per render (all endpoints: upload, submit, status polls, download)";
            g.drawString(xl, plot.px(x.max / 2) - g.getFontMetrics().stringWidth(xl) / 2, HEIGHT - 24);
            Graphics2D rotated = (Graphics2D) g.create();
            try {
                rotated.rotate(-Math.PI / 2);
                String yl = "p95 detection delay (simulated seconds)";
                rotated.drawString(yl, -(plot.py(y.max / 2) + g.getFontMetrics().stringWidth(yl) / 2), 30);
            } finally {
                rotated.dispose();
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    /** An axis from 0 to a round maximum, with round steps. */
    record Axis(double max, double step) {
        static Axis of(double top) {
            double t = top > 0 ? top : 1;
            double raw = t / 6;
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = magnitude;
            for (double m : new double[] {1, 2, 2.5, 5, 10}) {
                if (m * magnitude >= raw) {
                    step = m * magnitude;
                    break;
                }
            }
            return new Axis(Math.ceil(t / step) * step, step);
        }
    }

    private static final class Plot {
        private final Axis x;
        private final Axis y;

        Plot(Axis x, Axis y) {
            this.x = x;
            this.y = y;
        }

        int px(double v) {
            return LEFT + (int) Math.round(v / x.max * (WIDTH - LEFT - RIGHT));
        }

        int py(double v) {
            return HEIGHT - BOTTOM - (int) Math.round(v / y.max * (HEIGHT - TOP - BOTTOM));
        }
    }
}
