// One asynchronous result shared by every caller of a session: the schemas read, the portal check, the pair snapshot
// before the first create. A failure is forgotten, so the next caller tries again, unless `keepFailure` says the
// failure is the answer (a portal mismatch stays a mismatch).

export class SharedOnce<T> {
  private promise: Promise<T> | undefined;

  get(run: () => Promise<T>, keepFailure: (error: unknown) => boolean = () => false): Promise<T> {
    if (!this.promise) {
      const pending = run();
      this.promise = pending;
      pending.catch((error: unknown) => {
        if (this.promise === pending && !keepFailure(error)) this.promise = undefined;
      });
    }
    return this.promise;
  }

  /** The shared result if some caller started it. */
  peek(): Promise<T> | undefined {
    return this.promise;
  }
}
