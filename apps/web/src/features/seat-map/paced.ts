/**
 * Runs `run` soon after each `request()`, but at most once every `intervalMs`: the first request in a while runs
 * at once (on the next animation frame when `onFrame`), later ones are gathered into one run at the interval's end.
 */
export class Paced {
  private pending = false;
  private lastRunAt = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly run: () => void,
    private readonly onFrame = false,
  ) {}

  request(): void {
    if (this.pending) return;
    this.pending = true;
    const fire = () => {
      this.pending = false;
      this.lastRunAt = performance.now();
      this.run();
    };
    const wait = Math.max(0, this.lastRunAt + this.intervalMs - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      const visible = typeof document !== "undefined" && document.visibilityState === "visible";
      if (this.onFrame && visible) requestAnimationFrame(fire);
      else fire();
    }, wait);
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending = false;
  }
}
