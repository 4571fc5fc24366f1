/**
 * Polls `probe` every 100 ms until it returns something truthy, and returns
 * it. On timeout the error names what was awaited, followed by `context()`
 * (e.g. the worker's log lines), so a failure says why.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  { timeoutMs = 30_000, context }: { timeoutMs?: number; context?: () => readonly string[] } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error([`Timed out waiting for ${what}.`, ...(context?.() ?? [])].join("\n"));
    await new Promise((r) => setTimeout(r, 100));
  }
}
