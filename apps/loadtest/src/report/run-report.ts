import type { Options } from "../cli/parse-options";
import type { ScenarioResult } from "../scenarios/scenario";
import type { Chart } from "./chart";

/** Everything a run produced; rendered to Markdown and HTML and saved as results.json. */
export interface RunReport {
  startedAt: string;
  command: string;
  machine: { cpu: string; cores: number; memoryGb: number; node: string; platform: string };
  options: Options;
  /** Setup steps and their timings. */
  setup: Array<[string, string]>;
  scenarios: ScenarioResult[];
  failures: Array<{ scenario: string; error: string }>;
  /** RSS and CPU per process over the whole run, with each scenario shaded. */
  resources: Chart[];
  totalSeconds: number;
  /** Stopped early with Ctrl-C: the figures cover only part of the run. */
  interrupted: boolean;
  reportDir: string;
}
