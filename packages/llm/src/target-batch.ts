import type { ChatCompletionResult, ChatClient } from "./chat-client";
import type { ChatMessage } from "./chat-message";
import { runPool } from "./pool";
import type { RateLimiter } from "./rate-limit";
import { TargetError } from "./target-error";

export type TargetBatchItem = { id: string; messages: ChatMessage[] };
export type TargetOutcome = { ok: true; result: ChatCompletionResult } | { ok: false; error: TargetError };

export type TargetBatchOptions = {
  items: readonly TargetBatchItem[];
  /** Ids already answered (e.g. stored by an earlier, interrupted run); they are not sent again. */
  done: ReadonlySet<string>;
  client: ChatClient;
  concurrency: number;
  /**
   * Paces item starts. A client made by createChatClient already paces every
   * attempt by its `requestsPerSecond`; pass one here only for a client that does not.
   */
  rateLimit?: RateLimiter;
  /**
   * Called once per finished item, answer or final error; awaited, so it can
   * write to the database. If it throws, no further item starts and the batch
   * rejects with that error once the items in flight settle.
   */
  onResult: (id: string, outcome: TargetOutcome) => Promise<void>;
  /** Aborting cancels requests in flight; those items are not reported and run again next time. */
  signal?: AbortSignal;
};

export type TargetBatchSummary = { total: number; skipped: number; succeeded: number; failed: number; aborted: boolean };

const asTargetError = (error: unknown): TargetError =>
  error instanceof TargetError
    ? error
    : new TargetError(`Calling the target failed: ${error instanceof Error ? error.message : String(error)}`, { kind: "network", attempts: 1, cause: error });

export async function runTargetBatch(options: TargetBatchOptions): Promise<TargetBatchSummary> {
  const { items, done, client, concurrency, rateLimit, onResult, signal } = options;
  const pending = items.filter((item) => !done.has(item.id));
  let succeeded = 0;
  let failed = 0;

  const call = async (item: TargetBatchItem): Promise<TargetOutcome | undefined> => {
    try {
      await rateLimit?.acquire(signal);
      return { ok: true, result: await client.complete(item.messages, signal) };
    } catch (error) {
      const targetError = asTargetError(error);
      // Cancelled, not failed: recording it would make a resumed run skip an item that has no answer.
      if (targetError.kind === "aborted" || signal?.aborted) return undefined;
      return { ok: false, error: targetError };
    }
  };

  await runPool(pending, call, {
    concurrency,
    signal,
    onSettled: async (settled) => {
      const outcome = settled.status === "fulfilled" ? settled.value : undefined;
      if (!outcome) return;
      if (outcome.ok) succeeded++;
      else failed++;
      await onResult(settled.item.id, outcome);
    },
  });

  // Aborted means "some items still have no answer", not merely "the signal fired".
  const aborted = signal?.aborted === true && succeeded + failed < pending.length;
  return { total: items.length, skipped: items.length - pending.length, succeeded, failed, aborted };
}
