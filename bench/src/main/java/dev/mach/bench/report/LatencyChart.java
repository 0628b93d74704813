package dev.mach.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws p99 latency against offered load as a standalone SVG: one polyline (with a dot per step)
 * per configuration, a legend, and a dashed line at the SLO. The x axis is linear from 0; the y
 * axis is logarithmic, whole decades, so a configuration that collapses does not flatten the
 * others. A p99 of 0 (Gatling counts whole milliseconds) is drawn on the bottom of the axis.
 */
final class LatencyChart {

  /** One configuration's steps: offered load (requests/s) and p99 (ms), by offered load. */
  record Series(String name, List<double[]> points) {}

  private static final int WIDTH = 800;
  private static final int HEIGHT = 460;
  private static final int LEFT = 80;
  private static final int RIGHT = WIDTH - 200;
  private static final int TOP = 50;
  private static final int BOTTOM = HEIGHT - 60;
  private static final String[] COLOURS = {
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#7f7f7f", "#bcbd22"
  };

  private LatencyChart() {}

  /** The chart, or a placeholder that says why there is none when no series has a point. */
  static String svg(String title, List<Series> series, double sloP99Ms) {
    List<Series> drawn = series.stream().filter(s -> !s.points().isEmpty()).toList();
    StringBuilder svg = new StringBuilder();
    svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append(
            String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                    + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT))
        .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
        .append(text(WIDTH / 2.0, 25, "middle", "font-size=\"15\"", title));
    if (drawn.isEmpty()) {
      svg.append(
              text(
                  WIDTH / 2.0,
                  HEIGHT / 2.0,
                  "middle",
                  "",
                  "Not measured in this run: no Gatling rows for the read mix."))
          .append("</svg>\n");
      return svg.toString();
    }

    double maxOffered = 0;
    double minLatency = sloP99Ms > 0 ? sloP99Ms : Double.MAX_VALUE;
    double maxLatency = sloP99Ms > 0 ? sloP99Ms : 0;
    for (Series s : drawn) {
      for (double[] point : s.points()) {
        maxOffered = Math.max(maxOffered, point[0]);
        if (point[1] > 0) {
          minLatency = Math.min(minLatency, point[1]);
          maxLatency = Math.max(maxLatency, point[1]);
        }
      }
    }
    if (minLatency == Double.MAX_VALUE) {
      minLatency = 1;
    }
    if (maxLatency < minLatency) {
      maxLatency = minLatency;
    }
    double xStep = niceStep(maxOffered > 0 ? maxOffered / 5 : 1);
    double xMax = Math.max(xStep, Math.ceil(maxOffered / xStep) * xStep);
    int lowDecade = (int) Math.floor(Math.log10(minLatency));
    int highDecade = (int) Math.ceil(Math.log10(maxLatency));
    if (highDecade == lowDecade) {
      highDecade++;
    }
    Axes axes = new Axes(xMax, lowDecade, highDecade);

    // grid and ticks
    for (double x = 0; x <= xMax + xStep / 2; x += xStep) {
      double px = axes.x(x);
      svg.append(line(px, TOP, px, BOTTOM, "#e5e5e5", ""))
          .append(text(px, BOTTOM + 18, "middle", "", number(x)));
    }
    for (int decade = lowDecade; decade <= highDecade; decade++) {
      double py = axes.y(Math.pow(10, decade));
      svg.append(line(LEFT, py, RIGHT, py, "#e5e5e5", ""))
          .append(text(LEFT - 8, py + 4, "end", "", number(Math.pow(10, decade))));
    }
    svg.append(line(LEFT, BOTTOM, RIGHT, BOTTOM, "black", ""))
        .append(line(LEFT, TOP, LEFT, BOTTOM, "black", ""))
        .append(text((LEFT + RIGHT) / 2.0, HEIGHT - 20, "middle", "", "offered load (requests/s)"))
        .append(
            text(
                20,
                (TOP + BOTTOM) / 2.0,
                "middle",
                String.format(
                    Locale.ROOT, "transform=\"rotate(-90 20 %.1f)\"", (TOP + BOTTOM) / 2.0),
                "p99 latency (ms, log scale)"));

    // the SLO
    if (sloP99Ms > 0) {
      double py = axes.y(sloP99Ms);
      svg.append(line(LEFT, py, RIGHT, py, "black", "stroke-dasharray=\"6 4\""))
          .append(text(RIGHT - 4, py - 5, "end", "", "SLO: p99 ≤ " + number(sloP99Ms) + " ms"));
    }

    // one line per configuration, and the legend
    for (int i = 0; i < drawn.size(); i++) {
      Series s = drawn.get(i);
      String colour = COLOURS[i % COLOURS.length];
      List<String> coordinates = new ArrayList<>();
      StringBuilder dots = new StringBuilder();
      for (double[] point : s.points()) {
        double px = axes.x(point[0]);
        double py = axes.y(point[1]);
        coordinates.add(String.format(Locale.ROOT, "%.1f,%.1f", px, py));
        dots.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n",
                px,
                py,
                colour));
      }
      svg.append(
              String.format(
                  Locale.ROOT,
                  "<polyline data-config=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\""
                      + " points=\"%s\"><title>%s</title></polyline>\n",
                  escape(s.name()),
                  colour,
                  String.join(" ", coordinates),
                  escape(s.name())))
          .append(dots);
      double legendY = TOP + 10 + i * 20;
      svg.append(line(RIGHT + 20, legendY, RIGHT + 45, legendY, colour, "stroke-width=\"2\""))
          .append(text(RIGHT + 52, legendY + 4, "start", "", s.name()));
    }
    return svg.append("</svg>\n").toString();
  }

  /** Maps data to the plot area: x linear from 0 to xMax, y logarithmic over whole decades. */
  private record Axes(double xMax, int lowDecade, int highDecade) {
    double x(double offered) {
      return LEFT + (RIGHT - LEFT) * offered / xMax;
    }

    double y(double latencyMs) {
      double decades = latencyMs > 0 ? Math.log10(latencyMs) : lowDecade;
      double clamped = Math.max(lowDecade, Math.min(highDecade, decades));
      return BOTTOM - (BOTTOM - TOP) * (clamped - lowDecade) / (highDecade - lowDecade);
    }
  }

  /** 1, 2 or 5 times a power of ten, the smallest at least {@code raw}. */
  private static double niceStep(double raw) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double factor : new double[] {1, 2, 5}) {
      if (factor * magnitude >= raw) {
        return factor * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String number(double value) {
    if (value == Math.rint(value)) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return String.format(Locale.ROOT, "%s", (float) value);
  }

  private static String line(
      double x1, double y1, double x2, double y2, String colour, String extra) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" %s/>\n",
        x1,
        y1,
        x2,
        y2,
        colour,
        extra);
  }

  private static String text(double x, double y, String anchor, String extra, String content) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" %s>%s</text>\n",
        x,
        y,
        anchor,
        extra,
        escape(content));
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
