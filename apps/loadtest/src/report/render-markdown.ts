import path from "node:path";
import { paths } from "../paths";
import type { Table } from "../scenarios/scenario";
import type { RunReport } from "./run-report";

const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");

function table(columns: string[], rows: string[][]): string {
  return [
    `| ${columns.map(cell).join(" | ")} |`,
    `|${columns.map(() => "---").join("|")}|`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ].join("\n");
}

const renderTable = (t: Table) => `**${t.title}**\n\n${table(t.columns, t.rows)}`;

/** The terminal summary (also saved as summary.md). */
export function renderMarkdown(report: RunReport): string {
  const { machine } = report;
  const out: string[] = [];
  out.push(`# Frontrow load test, ${report.startedAt.replace("T", " ").slice(0, 16)} UTC`);
  out.push(
    `\`${report.command}\` · ${report.options.instances} server instances · ${machine.cores} cores (${machine.cpu}) · ` +
      `${machine.memoryGb} GB · Node ${machine.node} · seed ${report.options.seed} · total ${report.totalSeconds.toFixed(0)} s`,
  );
  if (report.interrupted) out.push("**Interrupted (Ctrl-C): the figures below cover only part of the run.**");
  out.push(`## Setup\n\n${table(["step", "result"], report.setup)}`);
  for (const scenario of report.scenarios) {
    out.push(`## ${scenario.title} (\`${scenario.name}\`)\n\n${scenario.setup}`);
    out.push(table(["figure", "value"], scenario.figures));
    for (const t of scenario.tables) out.push(renderTable(t));
    out.push(
      `**Invariants**\n\n` +
        table(
          ["invariant", "result", "checked", "broken", "detail"],
          scenario.invariants.map((inv) => [
            inv.name,
            inv.held ? "held" : "**BROKEN**",
            String(inv.checked),
            String(inv.broken),
            inv.detail,
          ]),
        ),
    );
    for (const note of scenario.notes) out.push(`> ${note}`);
  }
  for (const failure of report.failures)
    out.push(`## ${failure.scenario}: FAILED\n\n\`\`\`\n${failure.error}\n\`\`\``);
  const broken = report.scenarios.flatMap((s) =>
    s.invariants.filter((inv) => !inv.held).map((inv) => `${s.name}: ${inv.name}`),
  );
  out.push(
    broken.length === 0 && report.failures.length === 0
      ? `**All invariants held in every scenario.**`
      : `**${broken.length} invariant checks broken${report.failures.length ? `, ${report.failures.length} scenarios failed` : ""}:** ${broken.join("; ")}`,
  );
  out.push(`Report with charts: ${path.relative(paths.repoRoot, path.join(report.reportDir, "index.html"))}`);
  return `${out.join("\n\n")}\n`;
}
