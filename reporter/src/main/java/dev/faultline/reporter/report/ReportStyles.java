package dev.faultline.reporter.report;

/**
 * The one stylesheet of the HTML pages (report and index), inlined into each so that a page is a single file. System
 * fonts only: nothing is fetched.
 */
public final class ReportStyles {

    private ReportStyles() {
    }

    public static final String CSS = """
            :root { --ok: #3a9d5d; --failed: #d64545; --degraded: #e0a526; --fault: rgba(214, 69, 69, 0.13);
              --fault-edge: #d64545; --detected: #b5179e; --recovered: #1f6feb; --platform: #555;
              --ink: #1d232a; --muted: #5b6570; --line: #d8dde3; --bg-lane: #f4f6f8; }
            * { box-sizing: border-box; }
            html { -webkit-text-size-adjust: 100%; }
            body { margin: 0; color: var(--ink); background: #fff; font: 14px/1.45 system-ui, -apple-system,
              "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            main, nav.contents, footer { max-width: 1320px; margin: 0 auto; padding: 0 20px; }
            header.banner { display: flex; gap: 18px; align-items: center; padding: 16px 20px; max-width: 1320px;
              margin: 0 auto; border-bottom: 4px solid var(--line); }
            header.banner.pass { border-bottom-color: var(--ok); }
            header.banner.fail { border-bottom-color: var(--failed); }
            .verdict { font-size: 26px; font-weight: 700; padding: 6px 16px; border-radius: 6px; color: #fff;
              background: var(--muted); letter-spacing: 0.04em; }
            .pass .verdict { background: var(--ok); }
            .fail .verdict { background: var(--failed); }
            .score { font-size: 15px; color: var(--muted); }
            .score strong { font-size: 26px; color: var(--ink); }
            h1 { font-size: 20px; margin: 0 0 4px; overflow-wrap: anywhere; }
            h2 { font-size: 17px; margin: 26px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
            header p { margin: 0; color: var(--muted); }
            nav.contents { padding-top: 10px; padding-bottom: 6px; font-size: 13px; }
            nav.contents a { margin-right: 10px; color: var(--recovered); text-decoration: none; }
            .table-wrap { overflow-x: auto; max-width: 100%; }
            table { border-collapse: collapse; font-size: 13px; margin: 6px 0 12px; }
            th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top;
              overflow-wrap: anywhere; }
            th { background: var(--bg-lane); font-weight: 600; }
            td { max-width: 460px; }
            code { font: 12px ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
              background: var(--bg-lane); padding: 0 3px; border-radius: 3px; overflow-wrap: anywhere; }
            .status { padding: 1px 6px; border-radius: 4px; color: #fff; font-size: 12px; }
            .status-pass { background: var(--ok); }
            .status-fail { background: var(--failed); }
            .status-no-data { background: var(--degraded); color: var(--ink); }
            .chart { width: 100%; }
            svg.timeline { display: block; width: 100%; height: auto; font-size: 12px; }
            svg .lane-bg, svg .chart-bg { fill: var(--bg-lane); }
            svg .lane-label, svg .chart-label { fill: var(--ink); text-anchor: end; font-weight: 600; }
            svg .chart-scale, svg .axis-title, svg .lane-note, svg .outcome-label { fill: var(--muted); font-size: 11px; }
            svg .segment.ok { fill: var(--ok); }
            svg .segment.failed { fill: var(--failed); }
            svg .segment.degraded { fill: var(--degraded); }
            svg .fault-window { fill: var(--fault); stroke: var(--fault-edge); stroke-width: 1; stroke-dasharray: 4 3;
              pointer-events: none; }
            svg .fault-label { fill: var(--fault-edge); font-size: 11px; font-weight: 600; }
            svg .marker line { stroke-width: 2.5; }
            svg .marker.detected line { stroke: var(--detected); }
            svg .marker.recovered line { stroke: var(--recovered); }
            svg .marker.platform-down line, svg .marker.platform-up line, svg .marker.platform-healthy line,
            svg .marker.routed-away line { stroke: var(--platform); stroke-width: 2; }
            svg .marker.platform-down line { stroke: var(--failed); }
            svg .marker.platform-healthy line { stroke: var(--ok); }
            svg .service-segment.state-whole { fill: var(--ok); }
            svg .service-segment.state-short { fill: var(--degraded); }
            svg .service-segment.state-none { fill: var(--failed); }
            svg .service-label { font-size: 10px; fill: #fff; }
            svg .marker.service-started line, svg .marker.service-healthy line { stroke: var(--platform); stroke-width: 2; }
            svg .marker.service-back line { stroke: var(--recovered); }
            svg .marker-label { font-size: 11px; fill: var(--ink); }
            svg .marker.detected .marker-label { fill: var(--detected); }
            svg .marker.recovered .marker-label { fill: var(--recovered); }
            svg .breaker-segment { fill: var(--ok); }
            svg .breaker-segment.state-open, svg .breaker-segment.state-forced-open { fill: var(--failed); }
            svg .breaker-segment.state-half-open { fill: var(--degraded); }
            svg .breaker-segment.state-disabled, svg .breaker-segment.state-metrics-only { fill: #9aa5b1; }
            svg .breaker-label { font-size: 11px; fill: var(--ink); }
            svg .load-chart[data-chart="requests"] .bar { fill: #5b8def; }
            svg .load-chart[data-chart="error-rate"] .bar { fill: var(--failed); }
            svg .load-chart[data-chart="p99"] .bar { fill: #8e6ad8; }
            svg .scaling-line { stroke-width: 2; }
            svg .scaling-line.series-healthy { stroke: var(--ok); }
            svg .scaling-line.series-running { stroke: #5b8def; stroke-dasharray: 4 3; }
            svg .scaling-line.series-desired { stroke: #8e6ad8; stroke-dasharray: 1 3; }
            svg .scaling-line.series-in-load-balancer { stroke: #d89a2b; stroke-dasharray: 6 2; }
            svg .scaling-event { stroke: #8e6ad8; stroke-width: 1.5; }
            svg .scaling-trigger { stroke: var(--failed); stroke-width: 1.5; stroke-dasharray: 3 2; }
            svg .grid-line { stroke: #e5e8ec; stroke-width: 1; }
            svg .axis-line, svg .tick line { stroke: var(--muted); stroke-width: 1; }
            svg .tick text { fill: var(--muted); font-size: 11px; }
            ul.legend { list-style: none; padding: 0; margin: 8px 0; display: flex; flex-wrap: wrap; gap: 4px 16px;
              font-size: 12px; color: var(--muted); }
            .swatch { display: inline-block; width: 14px; height: 10px; margin-right: 5px; vertical-align: middle;
              border-radius: 2px; }
            .swatch.ok { background: var(--ok); } .swatch.failed { background: var(--failed); }
            .swatch.degraded { background: var(--degraded); }
            .swatch.fault { background: var(--fault); border: 1px dashed var(--fault-edge); }
            .swatch.detected { background: var(--detected); width: 3px; }
            .swatch.recovered { background: var(--recovered); width: 3px; }
            .swatch.platform { background: var(--platform); width: 3px; }
            .swatch.open { background: var(--failed); }
            p.note { font-size: 12px; color: var(--muted); }
            .trend-charts { display: flex; flex-wrap: wrap; gap: 12px 24px; }
            .trend-chart { font-size: 12px; color: var(--muted); margin: 0; }
            h3 { font-size: 15px; margin: 18px 0 6px; }
            .trend-chart svg { display: block; }
            svg .trend-point.pass, svg .trend-bar.pass { fill: var(--ok); }
            svg .trend-point.fail, svg .trend-bar.fail { fill: var(--failed); }
            svg .trend-point.none, svg .trend-bar.none { fill: #9aa5b1; }
            svg .trend-line { fill: none; stroke: var(--recovered); stroke-width: 1.5; }
            svg .trend-threshold { stroke: var(--muted); stroke-dasharray: 3 3; }
            footer { color: var(--muted); font-size: 12px; padding-top: 20px; padding-bottom: 30px; }
            @media print {
              @page { size: A4 landscape; margin: 12mm; }
              body { font-size: 10pt; }
              nav.contents { display: none; }
              main, header.banner, footer { max-width: none; padding: 0; }
              .verdict, .status, .swatch, svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
              .table-wrap { overflow: visible; }
              td { max-width: none; }
              section#timeline, table, tr { break-inside: avoid; }
              h2 { break-after: avoid; }
            }
            """;
}
