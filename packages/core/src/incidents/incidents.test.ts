import { describe, expect, it } from "vitest";
import {
  compareLevels,
  DEFAULT_INCIDENT_LEVEL_DEFINITIONS,
  INCIDENT_LEVELS,
  incidentLevelDefinitionsFrom,
  incidentLevelDefinitionsSchema,
  levelAfterSeverityChange,
  levelForSeverity,
  severityForLevel,
} from "./levels";
import { canMoveIncidentStatus, resolutionGapMessage, resolutionGaps, statusAfterEvent, statusForEventKind } from "./lifecycle";
import {
  aggregateIncidentMetrics,
  correctiveActionDeadline,
  correctiveActionState,
  detectionTime,
  formatDuration,
  median,
  onTimeCompletion,
  timeToMitigate,
  timeToReproduce,
} from "./metrics";
import { findRecurrence, RECURRENCE_WINDOW_DAYS } from "./recurrence";

const at = (iso: string) => new Date(iso);
const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe("incident levels", () => {
  it("map to severities and back; a near miss is low, and low opens at Sev-4", () => {
    expect(INCIDENT_LEVELS.map(severityForLevel)).toEqual(["critical", "high", "medium", "low", "low"]);
    expect((["critical", "high", "medium", "low"] as const).map(levelForSeverity)).toEqual(["sev1", "sev2", "sev3", "sev4"]);
    expect(levelAfterSeverityChange("near_miss", "low")).toBe("near_miss");
    expect(levelAfterSeverityChange("near_miss", "high")).toBe("sev2");
    expect(levelAfterSeverityChange(null, "medium")).toBe("sev3");
    expect(levelAfterSeverityChange("sev1", "critical")).toBe("sev1");
  });

  it("sort Sev-1 first, near misses and unclassified last", () => {
    expect(["near_miss", null, "sev3", "sev1"].sort((a, b) => compareLevels(a as never, b as never))).toEqual(["sev1", "sev3", "near_miss", null]);
  });

  it("have default definitions; edited ones must define every level and nothing else", () => {
    expect(DEFAULT_INCIDENT_LEVEL_DEFINITIONS.sev1).toBe("Severe harm to people or legal exposure; stop the system.");
    expect(DEFAULT_INCIDENT_LEVEL_DEFINITIONS.near_miss).toBe("Caught before it reached anyone.");
    expect(incidentLevelDefinitionsSchema.parse({ ...DEFAULT_INCIDENT_LEVEL_DEFINITIONS, sev4: "  Cosmetic.  " }).sev4).toBe("Cosmetic.");
    expect(incidentLevelDefinitionsSchema.safeParse({ ...DEFAULT_INCIDENT_LEVEL_DEFINITIONS, sev2: "" }).success).toBe(false);
    expect(incidentLevelDefinitionsSchema.safeParse({ ...DEFAULT_INCIDENT_LEVEL_DEFINITIONS, sev5: "Worse than the worst." }).success).toBe(false);
    const { sev3: _omit, ...missing } = DEFAULT_INCIDENT_LEVEL_DEFINITIONS;
    expect(incidentLevelDefinitionsSchema.safeParse(missing).success).toBe(false);
    expect(incidentLevelDefinitionsFrom(null)).toEqual({ definitions: DEFAULT_INCIDENT_LEVEL_DEFINITIONS, customised: false });
    expect(incidentLevelDefinitionsFrom({ ...DEFAULT_INCIDENT_LEVEL_DEFINITIONS, sev4: "Cosmetic." })).toMatchObject({ customised: true, definitions: { sev4: "Cosmetic." } });
  });
});

describe("status from the timeline", () => {
  const t0 = at("2026-03-01T10:00:00Z");
  const later = (h: number) => new Date(t0.getTime() + h * HOUR);

  it("maps lifecycle events to statuses", () => {
    expect(["detected", "reproduced", "contained", "mitigated", "resolved", "note"].map(statusForEventKind)).toEqual(["open", "investigating", "mitigated", "mitigated", "resolved", null]);
    expect(canMoveIncidentStatus("mitigated", "investigating")).toBe(true);
    expect(canMoveIncidentStatus("investigating", "open")).toBe(false);
    expect(canMoveIncidentStatus("resolved", "investigating")).toBe(false);
  });

  it("follows the latest lifecycle event", () => {
    expect(statusAfterEvent("open", { kind: "reproduced", occurredAt: later(1) }, [{ kind: "detected", occurredAt: t0 }])).toBe("investigating");
    expect(statusAfterEvent("investigating", { kind: "contained", occurredAt: later(2) }, [{ kind: "reproduced", occurredAt: later(1) }])).toBe("mitigated");
    // The mitigation did not hold: reproduced again afterwards.
    expect(statusAfterEvent("mitigated", { kind: "reproduced", occurredAt: later(3) }, [{ kind: "mitigated", occurredAt: later(2) }])).toBe("investigating");
  });

  it("ignores a back-dated event that something later overtook, notes, and moves the workflow forbids", () => {
    expect(statusAfterEvent("mitigated", { kind: "reproduced", occurredAt: later(1) }, [{ kind: "mitigated", occurredAt: later(2) }])).toBe("mitigated");
    expect(statusAfterEvent("mitigated", { kind: "reproduced", occurredAt: later(1) }, [{ kind: "status_changed", occurredAt: later(2) }])).toBe("mitigated");
    expect(statusAfterEvent("investigating", { kind: "note", occurredAt: later(5) }, [])).toBe("investigating");
    expect(statusAfterEvent("investigating", { kind: "detected", occurredAt: later(5) }, [])).toBe("investigating");
    expect(statusAfterEvent("investigating", { kind: "resolved", occurredAt: later(0.5) }, [{ kind: "mitigated", occurredAt: later(2) }])).toBe("resolved");
  });

  it("resolving needs a root cause and a corrective action linked to a suite item or a monitor", () => {
    expect(resolutionGaps({ rootCause: null, correctiveActions: [{ suiteItemId: null, monitorId: null }] })).toEqual(["root_cause", "linked_corrective_action"]);
    expect(resolutionGaps({ rootCause: "data_shift", correctiveActions: [{ suiteItemId: null, monitorId: "m1" }] })).toEqual([]);
    expect(resolutionGaps({ rootCause: "data_shift", correctiveActions: [] })).toEqual(["linked_corrective_action"]);
    expect(resolutionGapMessage(["root_cause", "linked_corrective_action"])).toBe(
      "To resolve this incident, record a root cause and add a corrective action linked to a regression suite item or a monitor.",
    );
    expect(resolutionGapMessage(["root_cause"])).toBe("To resolve this incident, record a root cause.");
  });
});

describe("derived metrics", () => {
  const detectedAt = at("2026-03-01T10:00:00Z");
  const events = [
    { kind: "detected", occurredAt: detectedAt },
    { kind: "reproduced", occurredAt: at("2026-03-01T12:30:00Z") },
    { kind: "reproduced", occurredAt: at("2026-03-01T11:00:00Z") },
    { kind: "contained", occurredAt: at("2026-03-01T13:00:00Z") },
    { kind: "mitigated", occurredAt: at("2026-03-02T10:00:00Z") },
  ];

  it("time to reproduce and to mitigate run from detection to the first such event", () => {
    expect(detectionTime(events, at("2026-03-05T00:00:00Z"))).toEqual(detectedAt);
    expect(detectionTime([], at("2026-03-05T00:00:00Z"))).toEqual(at("2026-03-05T00:00:00Z"));
    expect(timeToReproduce({ detectedAt, events })).toBe(HOUR);
    expect(timeToMitigate({ detectedAt, events })).toBe(DAY);
    expect(timeToMitigate({ detectedAt, events: events.slice(0, 4) })).toBeNull();
  });

  it("a corrective action is on time when done by the end of its due date (UTC)", () => {
    const dueDate = at("2026-03-10T00:00:00Z");
    expect(correctiveActionDeadline(dueDate)).toEqual(at("2026-03-11T00:00:00Z"));
    expect(correctiveActionState({ dueDate, completedAt: at("2026-03-10T23:59:00Z") })).toBe("done_on_time");
    expect(correctiveActionState({ dueDate, completedAt: at("2026-03-11T00:00:00Z") })).toBe("done_late");
    expect(correctiveActionState({ dueDate, completedAt: null }, at("2026-03-10T12:00:00Z"))).toBe("open");
    expect(correctiveActionState({ dueDate, completedAt: null }, at("2026-03-12T00:00:00Z"))).toBe("overdue");
  });

  it("the on-time rate counts actions done or already due; open ones wait", () => {
    const now = at("2026-03-20T00:00:00Z");
    const due = (d: string) => at(`${d}T00:00:00Z`);
    const actions = [
      { dueDate: due("2026-03-10"), completedAt: at("2026-03-09T10:00:00Z") },
      { dueDate: due("2026-03-10"), completedAt: at("2026-03-12T10:00:00Z") },
      { dueDate: due("2026-03-15"), completedAt: null },
      { dueDate: due("2026-03-30"), completedAt: null },
      { dueDate: due("2026-03-30"), completedAt: at("2026-03-19T00:00:00Z") },
    ];
    expect(onTimeCompletion(actions, now)).toEqual({ total: 5, onTime: 2, late: 1, overdue: 1, open: 1, rate: 0.5 });
    expect(onTimeCompletion([], now).rate).toBeNull();
  });

  it("aggregates medians, the on-time rate and counts by level, near misses included", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
    const base = { detectedAt, correctiveActions: [] };
    const summary = aggregateIncidentMetrics(
      [
        { ...base, level: "sev1", events: [{ kind: "reproduced", occurredAt: new Date(detectedAt.getTime() + HOUR) }, { kind: "mitigated", occurredAt: new Date(detectedAt.getTime() + 4 * HOUR) }] },
        { ...base, level: "sev2", events: [{ kind: "reproduced", occurredAt: new Date(detectedAt.getTime() + 3 * HOUR) }] },
        { ...base, level: "near_miss", events: [], correctiveActions: [{ dueDate: at("2026-03-01T00:00:00Z"), completedAt: at("2026-03-01T05:00:00Z") }] },
        { ...base, level: null, events: [] },
      ],
      at("2026-04-01T00:00:00Z"),
    );
    expect(summary).toMatchObject({
      incidents: 4,
      byLevel: { sev1: 1, sev2: 1, sev3: 0, sev4: 0, near_miss: 1 },
      unclassified: 1,
      nearMisses: 1,
      medianTimeToReproduceMs: 2 * HOUR,
      medianTimeToMitigateMs: 4 * HOUR,
      reproduced: 2,
      mitigated: 1,
      correctiveActions: { total: 1, onTime: 1, rate: 1 },
    });
  });

  it("formats durations for people", () => {
    expect([null, 30_000, 45 * 60_000, 3 * HOUR + 20 * 60_000, 2 * DAY + 4 * HOUR, 3 * DAY].map(formatDuration)).toEqual(["—", "30 s", "45 min", "3 h 20 min", "2 d 4 h", "3 d"]);
  });
});

describe("recurrence", () => {
  const detected = (days: number) => new Date(Date.UTC(2026, 0, 1) + days * DAY);
  const incident = { id: "now", systemId: "s1", rootCause: "prompt_injection", detectedAt: detected(200) };

  it("flags the latest earlier incident of the same system and root cause within 90 days", () => {
    const others = [
      { id: "a", systemId: "s1", rootCause: "prompt_injection", detectedAt: detected(200 - 60) },
      { id: "b", systemId: "s1", rootCause: "prompt_injection", detectedAt: detected(200 - 30) },
      { id: "c", systemId: "s1", rootCause: "data_shift", detectedAt: detected(200 - 5) },
      { id: "d", systemId: "s2", rootCause: "prompt_injection", detectedAt: detected(200 - 5) },
      { id: "e", systemId: "s1", rootCause: "prompt_injection", detectedAt: detected(200 + 5) },
    ];
    expect(findRecurrence(incident, others)?.id).toBe("b");
    expect(findRecurrence(incident, [...others, incident])?.id).toBe("b");
  });

  it("not after 90 days, nor without a system or root cause", () => {
    expect(RECURRENCE_WINDOW_DAYS).toBe(90);
    expect(findRecurrence(incident, [{ id: "x", systemId: "s1", rootCause: "prompt_injection", detectedAt: detected(200 - 90) }])?.id).toBe("x");
    expect(findRecurrence(incident, [{ id: "x", systemId: "s1", rootCause: "prompt_injection", detectedAt: detected(200 - 91) }])).toBeNull();
    expect(findRecurrence({ ...incident, rootCause: null }, [{ id: "x", systemId: "s1", rootCause: null, detectedAt: detected(199) }])).toBeNull();
    expect(findRecurrence({ ...incident, systemId: null }, [{ id: "x", systemId: null, rootCause: "prompt_injection", detectedAt: detected(199) }])).toBeNull();
  });
});
