package org.openuid.bench.report;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * A headless Java2D renderer of horizontal grouped bar charts (one group per scenario, one bar per JDK), so the report
 * needs no plotting tool. Two panels side by side in one PNG.
 */
final class Chart {
    static final Color[] SERIES = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728)};
    private static final int PANEL_W = 640;
    private static final int HEIGHT = 520;

    /** One panel: {@code values[group][series]} (NaN: no bar), an optional dashed target line. */
    record Panel(String title, String axis, List<String> groups, double[][] values, double max, double target,
                 DoubleUnaryOperator format) {}

    static void write(Path file, String title, List<String> series, Panel left, Panel right) throws IOException {
        BufferedImage img = new BufferedImage(2 * PANEL_W, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        g.drawString(title, 20, 28);
        int lx = 20;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int i = 0; i < series.size(); i++) {
            g.setColor(SERIES[i % SERIES.length]);
            g.fillRect(lx, 40, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(series.get(i), lx + 20, 52);
            lx += 40 + g.getFontMetrics().stringWidth(series.get(i));
        }
        panel(g, left, 0, series.size());
        panel(g, right, PANEL_W, series.size());
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static void panel(Graphics2D g, Panel p, int x0, int seriesCount) {
        int top = 90;
        int labelW = 130;
        int left = x0 + labelW;
        int width = PANEL_W - labelW - 40;
        int bottom = HEIGHT - 50;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(p.title(), x0 + 20, top - 14);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int groups = p.groups().size();
        double groupH = (bottom - top) / (double) Math.max(1, groups);
        double barH = Math.min(18, (groupH - 8) / Math.max(1, seriesCount));
        // grid and axis
        for (int t = 0; t <= 5; t++) {
            double v = p.max() * t / 5;
            int x = left + (int) (width * t / 5.0);
            g.setColor(new Color(0xdddddd));
            g.drawLine(x, top, x, bottom);
            g.setColor(Color.DARK_GRAY);
            String s = fmt(p.format().applyAsDouble(v));
            g.drawString(s, x - g.getFontMetrics().stringWidth(s) / 2, bottom + 16);
        }
        g.drawString(p.axis(), left + width / 2 - g.getFontMetrics().stringWidth(p.axis()) / 2, bottom + 34);
        for (int i = 0; i < groups; i++) {
            int gy = top + (int) (i * groupH);
            g.setColor(Color.BLACK);
            String name = p.groups().get(i);
            g.drawString(name, x0 + labelW - 8 - g.getFontMetrics().stringWidth(name), gy + (int) (groupH / 2) + 4);
            for (int s = 0; s < seriesCount; s++) {
                double v = p.values()[i][s];
                if (Double.isNaN(v)) continue;
                int w = (int) Math.round(width * Math.min(v, p.max()) / p.max());
                int y = gy + 4 + (int) (s * barH) + (int) ((groupH - 8 - seriesCount * barH) / 2);
                g.setColor(SERIES[s % SERIES.length]);
                g.fillRect(left, y, Math.max(1, w), (int) barH - 2);
                g.setColor(Color.BLACK);
                g.drawString(fmt(p.format().applyAsDouble(v)), left + w + 4, y + (int) barH - 5);
            }
        }
        if (!Double.isNaN(p.target())) {
            int x = left + (int) Math.round(width * p.target() / p.max());
            g.setColor(new Color(0xc00000));
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 5f}, 0f));
            g.drawLine(x, top - 4, x, bottom);
            g.setStroke(new BasicStroke(1f));
            g.drawString("target", x + 4, top + 2);
        }
        g.setColor(Color.BLACK);
        g.drawLine(left, top, left, bottom);
        g.drawLine(left, bottom, left + width, bottom);
    }

    private static String fmt(double v) {
        if (Math.abs(v) >= 100 || v == Math.rint(v)) return String.format("%,.0f", v);
        return String.format("%.1f", v);
    }
}
