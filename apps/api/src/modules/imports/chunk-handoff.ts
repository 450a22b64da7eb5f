/**
 * A bounded hand-off between the parser (which produces chunks of staged
 * rows) and the database side (which copies and writes them), so the two
 * run at once on two cores: the parser waits when `capacity` chunks are
 * already waiting, the database side waits when none is. Either side may
 * fail it; the other then sees the error at its next put or take.
 */
export class ChunkHandoff<T> {
  private readonly waiting: T[] = [];
  private closed = false;
  private failure: unknown = null;
  private wakeTaker: (() => void) | null = null;
  private wakePutter: (() => void) | null = null;

  constructor(private readonly capacity: number) {}

  async put(chunk: T): Promise<void> {
    while (this.waiting.length >= this.capacity && this.failure === null) await new Promise<void>((resolve) => (this.wakePutter = resolve));
    if (this.failure !== null) throw this.failure;
    this.waiting.push(chunk);
    this.wake('taker');
  }

  /** The next chunk, or null once the producer has closed and every chunk was taken. */
  async take(): Promise<T | null> {
    while (this.waiting.length === 0 && !this.closed && this.failure === null)
      await new Promise<void>((resolve) => (this.wakeTaker = resolve));
    if (this.failure !== null) throw this.failure;
    const chunk = this.waiting.shift() ?? null;
    this.wake('putter');
    return chunk;
  }

  close(): void {
    this.closed = true;
    this.wake('taker');
  }

  fail(error: unknown): void {
    if (this.failure === null) this.failure = error ?? new Error('chunk hand-off failed');
    this.wake('taker');
    this.wake('putter');
  }

  private wake(side: 'taker' | 'putter'): void {
    const wake = side === 'taker' ? this.wakeTaker : this.wakePutter;
    if (side === 'taker') this.wakeTaker = null;
    else this.wakePutter = null;
    wake?.();
  }
}
