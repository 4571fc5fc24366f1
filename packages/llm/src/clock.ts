import { setTimeout as delay } from "node:timers/promises";

/** Milliseconds; injectable so tests can run time without waiting for it. */
export type Now = () => number;
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const systemNow: Now = () => performance.now();
export const systemSleep: Sleep = (ms, signal) => (ms <= 0 ? Promise.resolve() : delay(ms, undefined, signal ? { signal } : undefined));
