import { ClaimedRanges, type Located } from "./leak-findings";

export type PiiKind = "email" | "phone" | "credit_card" | "iban" | "ssn" | "ipv4" | "ipv6";

/** One piece of personal data: what it is and which validation it passed. */
export type PiiFinding = Located & { kind: PiiKind; description: string };

/**
 * Where the PII detectors report. Detectors run from the most specific kind
 * to the least, and a finding overlapping an earlier one is dropped, so one
 * string is never reported as two kinds of thing.
 */
export class PiiReport {
  readonly findings: PiiFinding[] = [];
  private readonly claims = new ClaimedRanges();
  constructor(readonly response: string) {}

  /** Offsets are into the whole response. */
  add(start: number, end: number, kind: PiiKind, description: string): void {
    if (this.claims.claim(start, end)) this.findings.push({ start, end, text: this.response.slice(start, end), kind, description });
  }
}

/**
 * A detector reads `text`, which starts at `offset` in the response: the
 * whole response, or a window around a run of digits.
 */
export type PiiDetector = (text: string, offset: number, report: PiiReport) => void;
