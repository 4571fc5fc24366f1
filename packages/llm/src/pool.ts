export type PoolOutcome<T, R> =
  | { status: "fulfilled"; item: T; index: number; value: R }
  | { status: "rejected"; item: T; index: number; reason: unknown };

export type PoolOptions<T, R> = {
  concurrency: number;
  /** When it aborts, no new item starts; items already running finish (or honour the signal themselves). */
  signal?: AbortSignal;
  /** Awaited before the lane takes its next item, so a slow store applies back-pressure. An error stops the pool. */
  onSettled?: (outcome: PoolOutcome<T, R>) => void | Promise<void>;
};

export type PoolSummary = { started: number; settled: number; aborted: boolean };

/**
 * Runs `worker` over `items` with at most `concurrency` calls in flight.
 * Items complete in any order. Resolves once every started item has settled;
 * rejects with the first error thrown by `onSettled`.
 */
export async function runPool<T, R>(items: readonly T[], worker: (item: T, index: number) => Promise<R>, options: PoolOptions<T, R>): Promise<PoolSummary> {
  const { concurrency, signal, onSettled } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError("concurrency must be a positive integer.");
  let next = 0;
  let settled = 0;
  let settleError: { error: unknown } | undefined;

  async function lane(): Promise<void> {
    while (next < items.length && !signal?.aborted && !settleError) {
      const index = next++;
      const item = items[index] as T;
      let outcome: PoolOutcome<T, R>;
      try {
        outcome = { status: "fulfilled", item, index, value: await worker(item, index) };
      } catch (reason) {
        outcome = { status: "rejected", item, index, reason };
      }
      settled++;
      try {
        await onSettled?.(outcome);
      } catch (error) {
        settleError ??= { error };
      }
    }
  }

  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  if (settleError) throw settleError.error;
  return { started: next, settled, aborted: signal?.aborted === true && next < items.length };
}
