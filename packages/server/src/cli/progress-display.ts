// Shows a run's progress while the CLI waits: a cli-progress bar on a TTY stderr (stage and
// completed/total from the resource's `progress`), plain lines when stderr is not a TTY.
import cliProgress from 'cli-progress';

interface Progressed {
  id: string;
  status: string;
  progress?: { stage: string; completed: number; total: number | null; unit: string } | null;
}

export interface ProgressDisplay {
  update(run: Progressed): void;
  stop(): void;
}

export function progressDisplay(stream: NodeJS.WriteStream = process.stderr): ProgressDisplay {
  return stream.isTTY ? new BarDisplay(stream) : new LineDisplay(stream);
}

function stageOf(run: Progressed): string {
  return run.progress?.stage ?? run.status;
}

class LineDisplay implements ProgressDisplay {
  private last = '';
  constructor(private readonly stream: NodeJS.WriteStream) {}

  update(run: Progressed): void {
    const p = run.progress;
    const count = p ? ` ${p.completed}${p.total != null ? '/' + p.total : ''} ${p.unit}` : '';
    const line = `${run.id}: ${run.status}${p ? ` (${p.stage}${count})` : ''}`;
    if (line === this.last) return;
    this.last = line;
    this.stream.write(line + '\n');
  }

  stop(): void {}
}

class BarDisplay implements ProgressDisplay {
  private readonly bar: cliProgress.SingleBar;
  private started = false;

  constructor(stream: NodeJS.WriteStream) {
    this.bar = new cliProgress.SingleBar(
      {
        stream,
        format: '{id} {status} {stage} [{bar}] {value}/{total} {unit}',
        hideCursor: true,
        clearOnComplete: false,
        barsize: 30,
      },
      cliProgress.Presets.shades_classic,
    );
  }

  update(run: Progressed): void {
    const p = run.progress;
    const total = p?.total ?? 0;
    const value = p?.completed ?? 0;
    const payload = { id: run.id, status: run.status, stage: stageOf(run), unit: p?.unit ?? '' };
    if (!this.started) {
      this.bar.start(total, value, payload);
      this.started = true;
      return;
    }
    if (total !== this.bar.getTotal()) this.bar.setTotal(total);
    this.bar.update(value, payload);
  }

  stop(): void {
    if (this.started) this.bar.stop();
    this.started = false;
  }
}
