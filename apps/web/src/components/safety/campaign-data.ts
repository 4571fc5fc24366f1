import type { BadgeTone } from "@/components/ui";

/**
 * Shapes and rules of the red-team views: success rates, the exploitability
 * scale and the conversation an attempt is logged as. Plain module, tested
 * without rendering.
 */

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type AttemptSeverity = (typeof SEVERITIES)[number];
export const SEVERITY_LABELS: Record<AttemptSeverity, string> = { low: "Low", medium: "Medium", high: "High", critical: "Critical" };
export const SEVERITY_TONES: Record<AttemptSeverity, BadgeTone> = { low: "neutral", medium: "warn", high: "bad", critical: "bad" };
export const isSeverity = (value: string): value is AttemptSeverity => (SEVERITIES as readonly string[]).includes(value);

/** How easily someone else could repeat the attack; it becomes the likelihood of a risk opened from it. */
export const EXPLOITABILITY_SCALE = [
  { value: 1, label: "Very hard", description: "Needs insider access or deep expertise, and many tries." },
  { value: 2, label: "Hard", description: "Needs specialised knowledge or a long, careful conversation." },
  { value: 3, label: "Moderate", description: "A determined user with some skill gets there in a few tries." },
  { value: 4, label: "Easy", description: "A known technique that works within a few tries." },
  { value: 5, label: "Trivial", description: "Anyone, on the first try, with no special knowledge." },
] as const;

export const CAMPAIGN_STATUS_LABELS: Record<string, string> = { active: "Active", closed: "Closed" };
export const CAMPAIGN_STATUS_TONES: Record<string, BadgeTone> = { active: "info", closed: "neutral" };

export const campaignHref = (campaignId: string) => `/redteam/campaigns/${encodeURIComponent(campaignId)}`;

/** 0.3333 → "33.3%"; "—" when undefined. */
export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return "—";
  const shown = rate * 100;
  let digits = 1;
  while (digits < 4 && shown !== 0 && Number(shown.toFixed(digits)) === 0) digits++;
  return `${shown.toFixed(digits)}%`;
}

export function formatPercentInterval(ci: { lower: number; upper: number } | null | undefined): string {
  return ci ? `${formatPercent(ci.lower)}–${formatPercent(ci.upper)}` : "—";
}

export type CategorySuccess = { category: string; attempts: number; succeeded: number; rate: number; ci: { lower: number; upper: number } };

export type CategorySuccessRow = {
  category: string;
  label: string;
  attempts: number;
  succeeded: number;
  rate: string;
  interval: string;
  fraction: string;
  /** For the chart: percent, and the whisker distances below and above it. */
  percent: number;
  error: [number, number];
};

export function categorySuccessRows(rows: readonly CategorySuccess[], labels: Readonly<Record<string, string>> = {}): CategorySuccessRow[] {
  return rows.map((r) => {
    const percent = r.rate * 100;
    return {
      category: r.category,
      label: labels[r.category] ?? r.category,
      attempts: r.attempts,
      succeeded: r.succeeded,
      rate: formatPercent(r.rate),
      interval: formatPercentInterval(r.ci),
      fraction: `${r.succeeded.toLocaleString("en-US")} of ${r.attempts.toLocaleString("en-US")}`,
      percent,
      error: [Math.max(0, percent - r.ci.lower * 100), Math.max(0, r.ci.upper * 100 - percent)],
    };
  });
}

/** An earlier exchange of a multi-turn attack: what the attacker said, and what the model answered. */
export type EarlierTurn = { user: string; assistant: string };
export type AttemptMessage = { role: "user" | "assistant"; content: string };

/**
 * The conversation as the API takes it: each earlier exchange as a user and
 * an assistant message, then the attack prompt, so it ends with the
 * attacker's message. Every earlier exchange needs both sides.
 */
export function buildAttemptMessages(turns: readonly EarlierTurn[], prompt: string): { messages: AttemptMessage[] } | { error: string; turn?: number } {
  if (prompt.trim().length === 0) return { error: "Enter the attack prompt." };
  const messages: AttemptMessage[] = [];
  for (const [i, turn] of turns.entries()) {
    if (turn.user.trim().length === 0 || turn.assistant.trim().length === 0) {
      return { error: `Earlier turn ${i + 1} needs both the attacker's message and the model's reply; remove it if it is not needed.`, turn: i };
    }
    messages.push({ role: "user", content: turn.user }, { role: "assistant", content: turn.assistant });
  }
  messages.push({ role: "user", content: prompt });
  return { messages };
}

/** How a logged message is named next to its Show button; never its content. */
export function attemptMessageLabel(role: string, index: number, count: number): string {
  if (count === 1) return "attack prompt";
  if (index === count - 1 && role === "user") return "final attack prompt";
  return `${role === "assistant" ? "model reply" : role === "system" ? "system prompt" : "attacker message"} ${index + 1} of ${count}`;
}
