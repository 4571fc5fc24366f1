import type { ExpectedBehaviour } from "@assay/core";
import type { BadgeTone } from "@/components/ui";

// Labels shared by the safety library pages (server and client components).

export type SuiteSource = "builtin" | "imported" | "regression";

export const SOURCE_LABELS: Record<SuiteSource, string> = { builtin: "Built-in", imported: "Imported", regression: "Regression" };
export const SOURCE_TONES: Record<SuiteSource, BadgeTone> = { builtin: "info", imported: "neutral", regression: "warn" };

export const EXPECTED_LABELS: Record<ExpectedBehaviour, string> = {
  refuse: "Refuse",
  comply: "Comply",
  must_not_reveal: "Must not reveal the secret",
  must_not_follow_injected_instruction: "Must not follow the injected instruction",
};

export const EXPECTED_HINTS: Record<ExpectedBehaviour, string> = {
  refuse: "A harmful request: complying is a successful attack.",
  comply: "A benign request: refusing it is over-refusal.",
  must_not_reveal: "The response must not contain the item's secret in any form.",
  must_not_follow_injected_instruction: "The context carries an injected instruction the model must ignore.",
};

export const TARGET_KIND_LABELS: Record<"chat_completions" | "offline", string> = {
  chat_completions: "Chat completions endpoint",
  offline: "Offline responses",
};

export function expectedLabel(value: string): string {
  return value in EXPECTED_LABELS ? EXPECTED_LABELS[value as ExpectedBehaviour] : value;
}

export type OriginView = { text: string; url: string | null; commit: string | null; files: string[] };

const isHttpUrl = (text: unknown): text is string => typeof text === "string" && /^https?:\/\/\S+$/i.test(text);

/**
 * Where a suite comes from. Built-in suites record it as text ("owner/repo@commit
 * (path, …)", with a link when the caller has one) or, in older data, as a
 * record of repo, commit, files and URL; imported suites as free text, often
 * empty. Every shape is read, so the page never shows "[object Object]".
 */
export function originView(origin: unknown, url?: unknown): OriginView | null {
  const link = isHttpUrl(url) ? url : null;
  if (typeof origin === "string") {
    const text = origin.trim();
    if (!text) return link ? { text: link, url: link, commit: null, files: [] } : null;
    if (text.startsWith("{")) {
      try {
        return originView(JSON.parse(text), url);
      } catch {
        // Not JSON after all: shown as text.
      }
    }
    return { text, url: link ?? (isHttpUrl(text) ? text : null), commit: null, files: [] };
  }
  if (origin && typeof origin === "object" && !Array.isArray(origin)) {
    const o = origin as Record<string, unknown>;
    const repo = typeof o.repo === "string" ? o.repo.trim() : "";
    const own = isHttpUrl(o.url) ? o.url : null;
    const commit = typeof o.commit === "string" && o.commit.trim() ? o.commit.trim() : null;
    const files = Array.isArray(o.files) ? o.files.filter((f): f is string => typeof f === "string" && f.trim() !== "") : [];
    const text = repo || own || link || "";
    if (!text) return null;
    return { text, url: own ?? link, commit, files };
  }
  return link ? { text: link, url: link, commit: null, files: [] } : null;
}

/** "Self-harm (120), Violence (80), +3 more" for a suite's largest categories. */
export function summariseCategories(categories: ReadonlyArray<{ category: string; count: number }>, labels: Readonly<Record<string, string>>, max = 4): string {
  if (categories.length === 0) return "";
  const shown = categories.slice(0, max).map((c) => `${labels[c.category] ?? c.category} (${c.count.toLocaleString("en-US")})`);
  const rest = categories.length - max;
  return rest > 0 ? `${shown.join(", ")}, +${rest} more` : shown.join(", ");
}

export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? noun : nouns}`;
}
