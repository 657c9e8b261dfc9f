import type { Table } from "../scenarios/scenario";
import type { RunReport } from "./run-report";
import { renderChart } from "./svg-chart";

const escape = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

function table(columns: string[], rows: string[][], className = ""): string {
  const head = columns.map((c) => `<th>${escape(c)}</th>`).join("");
  const body = rows.map((row) => `<tr>${row.map((c) => `<td>${escape(c)}</td>`).join("")}</tr>`).join("");
  return `<table class="${className}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

const renderTable = (t: Table) => `<h3>${escape(t.title)}</h3>${table(t.columns, t.rows)}`;

const STYLE = `
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111827; margin: 0; background: #f9fafb; }
main { max-width: 1120px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid #e5e7eb; padding-bottom: 4px; }
h3 { font-size: 14px; margin: 16px 0 6px; } .meta { color: #4b5563; } p.setup { color: #374151; max-width: 900px; }
table { border-collapse: collapse; margin: 6px 0 12px; background: #fff; } th, td { border: 1px solid #e5e7eb; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; font-weight: 600; } td:first-child { white-space: nowrap; }
.held { color: #15803d; font-weight: 600; } .broken { color: #b91c1c; font-weight: 700; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 12px; }
figure { margin: 0; background: #fff; border: 1px solid #e5e7eb; border-radius: 6px; padding: 8px; }
svg { width: 100%; height: auto; } svg .title { font: 600 13px system-ui, sans-serif; fill: #111827; }
svg .legend, svg .tick, svg .axis-label, svg .span-label, svg .marker-label { font: 11px system-ui, sans-serif; fill: #4b5563; }
svg .grid { stroke: #f3f4f6; } svg .axis { stroke: #9ca3af; } svg .marker { stroke: #111827; stroke-dasharray: 4 3; }
svg .span0 { fill: #eff6ff; } svg .span1 { fill: #f0fdf4; } .failed { color: #b91c1c; } pre { background: #fff; padding: 8px; overflow: auto; }
.verdict { font-size: 15px; font-weight: 600; padding: 8px 12px; border-radius: 6px; display: inline-block; }
.verdict.ok { background: #dcfce7; color: #166534; } .verdict.bad { background: #fee2e2; color: #991b1b; }
`;

/** The self-contained HTML report: tables and inline SVG charts, no scripts and nothing fetched from the network. */
export function renderHtml(report: RunReport): string {
  const { machine } = report;
  const broken = report.scenarios.flatMap((s) => s.invariants.filter((inv) => !inv.held));
  const verdict =
    broken.length === 0 && report.failures.length === 0
      ? `<p class="verdict ok">All invariants held in every scenario.</p>`
      : `<p class="verdict bad">${broken.length} invariant checks broken, ${report.failures.length} scenarios failed.</p>`;
  const sections = report.scenarios.map((scenario) => {
    const invariants = `<h3>Invariants</h3><table><thead><tr><th>invariant</th><th>result</th><th>checked</th><th>broken</th><th>detail</th></tr></thead><tbody>${scenario.invariants
      .map(
        (inv) =>
          `<tr><td>${escape(inv.name)}</td><td class="${inv.held ? "held" : "broken"}">${inv.held ? "held" : "BROKEN"}</td><td>${inv.checked}</td><td>${inv.broken}</td><td>${escape(inv.detail)}</td></tr>`,
      )
      .join("")}</tbody></table>`;
    return (
      `<section id="${scenario.name}"><h2>${escape(scenario.title)} <small>(${scenario.name})</small></h2>` +
      `<p class="setup">${escape(scenario.setup)}</p>` +
      table(["figure", "value"], scenario.figures) +
      `<div class="charts">${scenario.charts.map((chart) => `<figure>${renderChart(chart)}</figure>`).join("")}</div>` +
      scenario.tables.map(renderTable).join("") +
      invariants +
      scenario.notes.map((note) => `<p class="setup">${escape(note)}</p>`).join("") +
      `</section>`
    );
  });
  const failures = report.failures.map(
    (f) => `<h2 class="failed">${escape(f.scenario)}: failed</h2><pre>${escape(f.error)}</pre>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Frontrow load test ${escape(report.startedAt)}</title><style>${STYLE}</style></head>
<body><main>
<h1>Frontrow load test</h1>
<p class="meta">${escape(report.startedAt.replace("T", " ").slice(0, 19))} UTC · <code>${escape(report.command)}</code> · ${report.options.instances} server instances ·
${machine.cores} cores (${escape(machine.cpu)}) · ${machine.memoryGb} GB · Node ${escape(machine.node)} · seed ${report.options.seed} · total ${report.totalSeconds.toFixed(0)} s</p>
${report.interrupted ? `<p class="verdict bad">Interrupted (Ctrl-C): the figures cover only part of the run.</p>` : ""}
${verdict}
<nav>${report.scenarios.map((s) => `<a href="#${s.name}">${escape(s.title)}</a>`).join(" · ")} · <a href="#resources">Memory and CPU</a></nav>
<h2>Setup</h2>${table(["step", "result"], report.setup)}
${sections.join("\n")}
${failures.join("\n")}
<section id="resources"><h2>Memory and CPU over the whole run</h2>
<p class="setup">Sampled every second from /proc for each process this run started. CPU is in percent of one core (200 % = two cores busy);
the machine line is the share of all cores in use. Shaded spans mark the scenarios.</p>
<div class="charts">${report.resources.map((chart) => `<figure>${renderChart(chart)}</figure>`).join("")}</div></section>
<p class="meta">How to read each figure and chart: apps/loadtest/README.md. Raw numbers: results.json next to this page.</p>
</main></body></html>
`;
}
