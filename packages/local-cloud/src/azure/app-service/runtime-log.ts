/** App Service's platform log (docker.log): timestamped lines about pulls, starts and warm-up. */
export class RuntimeLog {
  private readonly lines: string[] = [];

  constructor(
    private readonly now: () => number,
    private readonly limit = 500,
  ) {}

  info(message: string): void {
    this.add('INFO ', message);
  }

  error(message: string): void {
    this.add('ERROR', message);
  }

  text(): string {
    return this.lines.length === 0 ? '' : `${this.lines.join('\n')}\n`;
  }

  private add(level: string, message: string): void {
    this.lines.push(`${new Date(this.now()).toISOString()} ${level} - ${message}`);
    if (this.lines.length > this.limit) this.lines.splice(0, this.lines.length - this.limit);
  }
}
