/**
 * A live status line on stderr: redrawn in place every 250 ms on a terminal, printed every 5 s otherwise
 * (CI logs). `render` returns the text; `stop` leaves the final line in place.
 */
export class ProgressLine {
  private readonly timer: NodeJS.Timeout;
  private readonly tty = process.stderr.isTTY === true;
  private stopped = false;

  constructor(private readonly render: () => string) {
    this.timer = setInterval(() => this.draw(), this.tty ? 250 : 5_000);
    this.timer.unref();
  }

  private draw(final = false): void {
    const columns = process.stderr.columns ?? 160;
    const text = this.render();
    if (this.tty) process.stderr.write(`\r\x1b[K${text.slice(0, columns - 1)}${final ? "\n" : ""}`);
    else process.stderr.write(`${text}\n`);
  }

  /** Stops redrawing and leaves the final line; calling it again does nothing. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    this.draw(true);
  }
}
