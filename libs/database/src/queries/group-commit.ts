/**
 * Group commit: callers queue items, and one `flush` writes every item that
 * arrived in the same turn of the event loop or while the previous flush was
 * in flight. Each caller's promise settles when the statement holding its item
 * has committed (or failed), with that item's result when `flush` returns one
 * per item, so awaiting it means "recorded", as with a statement of its own,
 * at a fraction of the round trips.
 */
export class GroupCommit<T, R = void> {
  private pending: Array<{ item: T; resolve: (result: R) => void; reject: (error: unknown) => void }> = [];
  private running = false;

  constructor(
    private readonly flush: (items: T[]) => Promise<R[] | void>,
    private readonly maxBatch = 500,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.running) {
        this.running = true;
        // Wait one turn so callers woken by the same I/O share the first statement too.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      try {
        const results = await this.flush(batch.map((entry) => entry.item));
        batch.forEach((entry, i) => entry.resolve((results ? results[i] : undefined) as R));
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    this.running = false;
  }
}
