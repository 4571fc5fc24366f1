import { INCIDENT_EVENT_KINDS, SEVERITIES } from "@assay/core";
import { IncidentLevel, IncidentSource, IncidentStatus, RootCause } from "@assay/db";
import { z } from "zod";

export const incidentStatusSchema = z.enum(IncidentStatus, { error: "Choose a status: open, investigating, mitigated or resolved." });
export const incidentLevelSchema = z.enum(IncidentLevel, { error: "Choose a level: sev1, sev2, sev3, sev4 or near_miss." });
export const incidentSourceSchema = z.enum(IncidentSource, { error: "Choose a source: alert, user_report, red_team or internal_testing." });
export const rootCauseSchema = z.enum(RootCause, {
  error: "Choose a root cause: data_shift, labelling, prompt_template_regression, model_version_mismatch, prompt_injection, policy_misconfiguration or other.",
});
const severitySchema = z.enum(SEVERITIES, { error: "Choose a severity: low, medium, high or critical." });
const titleSchema = z.string({ error: "The title must be text." }).trim().min(3, "Give the incident a title.").max(200, "Keep the title under 200 characters.");
const ownerIdSchema = z.string({ error: "Choose an owner." }).trim().min(1, "Choose an owner.");
const idSchema = (what: string) => z.string({ error: `Choose ${what}.` }).trim().min(1, `Choose ${what}.`);
const noteSchema = z.string({ error: "The note must be text." }).trim().max(4000, "Keep the note under 4000 characters.");

/** Clocks differ a little between browser and server; more than this ahead is "in the future". */
export const CLOCK_SKEW_MS = 60_000;

/** An ISO timestamp (or Date) that is not in the future. */
const pastInstantSchema = (what: string) =>
  z
    .union([z.date(), z.string().trim().min(1)], { error: `Enter when ${what}.` })
    .transform((v) => (v instanceof Date ? v : new Date(v)))
    .refine((d) => !Number.isNaN(d.getTime()), `Enter a valid date and time for when ${what}.`)
    .refine((d) => d.getTime() <= Date.now() + CLOCK_SKEW_MS, `The time ${what} cannot be in the future.`);

/** A calendar date ("2026-04-30") or an ISO timestamp, kept as the start of that day in UTC. */
const dueDateSchema = z
  .union([z.date(), z.string().trim().min(1)], { error: "Choose a due date." })
  .transform((v) => (v instanceof Date ? v : new Date(v)))
  .refine((d) => !Number.isNaN(d.getTime()), "Enter a valid due date.")
  .transform((d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())));

/** Body of POST /alerts/:id/incident; everything defaults from the alert and the caller. */
export const openIncidentSchema = z.object({
  title: titleSchema.optional(),
  severity: severitySchema.optional(),
  ownerId: ownerIdSchema.optional(),
});
export type OpenIncidentInput = z.infer<typeof openIncidentSchema>;

/** Body of POST /incidents: an incident someone reports (not from an alert). */
export const openManualIncidentSchema = z.object({
  title: titleSchema,
  level: incidentLevelSchema,
  source: incidentSourceSchema.default("user_report"),
  systemId: idSchema("the affected system"),
  modelVersionId: z
    .preprocess((v) => (v === "" ? undefined : v), idSchema("a version").optional())
    .optional(),
  ownerId: ownerIdSchema.optional(),
  detectedAt: pastInstantSchema("it was detected").optional(),
  /** What was seen; kept on the "detected" timeline event. */
  description: noteSchema.optional(),
});
export type OpenManualIncidentInput = z.infer<typeof openManualIncidentSchema>;

export const updateIncidentSchema = z
  .object({
    title: titleSchema,
    status: incidentStatusSchema,
    /** The alert-style severity; the level follows it (and vice versa). */
    severity: severitySchema,
    level: incidentLevelSchema,
    ownerId: ownerIdSchema,
    rootCause: rootCauseSchema,
    rootCauseDetail: z.string({ error: "The root cause detail must be text." }).trim().max(4000, "Keep the root cause detail under 4000 characters."),
    /** A containment action taken; appended to the incident's containment record. */
    containmentAction: z.string({ error: "The containment action must be text." }).trim().min(3, "Describe the containment action.").max(2000, "Keep the containment action under 2000 characters."),
    /** Why, kept on the timeline next to the change. */
    note: noteSchema,
  })
  .partial()
  .refine(
    (input) => [input.title, input.status, input.severity, input.level, input.ownerId, input.rootCause, input.rootCauseDetail, input.containmentAction].some((v) => v !== undefined),
    { message: "Send at least one of title, status, level, severity, owner, root cause or containment action to change." },
  );
export type UpdateIncidentInput = z.infer<typeof updateIncidentSchema>;

export const incidentNoteSchema = z.object({ note: noteSchema.min(1, "Write the note.") });

/** Body of POST /incidents/:id/events. */
export const logIncidentEventSchema = z
  .object({
    kind: z.enum(INCIDENT_EVENT_KINDS, { error: "Choose what happened: detected, reproduced, contained, mitigated, resolved or note." }),
    occurredAt: pastInstantSchema("it happened").optional(),
    note: noteSchema.default(""),
  })
  .refine((e) => e.kind !== "note" || e.note.length > 0, { message: "Write the note.", path: ["note"] });
export type LogIncidentEventInput = z.infer<typeof logIncidentEventSchema>;

const actionDescriptionSchema = z
  .string({ error: "Describe the action." })
  .trim()
  .min(5, "Describe the action (at least 5 characters).")
  .max(2000, "Keep the description under 2000 characters.");
const linkIdSchema = z.preprocess((v) => (v === "" ? null : v), z.string({ error: "Choose a link." }).trim().min(1).nullable());

/** Body of POST /incidents/:id/corrective-actions. */
export const addCorrectiveActionSchema = z
  .object({
    description: actionDescriptionSchema,
    ownerId: ownerIdSchema,
    dueDate: dueDateSchema,
    /** The regression test it adds: an item of one of the organisation's suites. */
    suiteItemId: linkIdSchema.optional(),
    /** The monitor it adds. */
    monitorId: linkIdSchema.optional(),
  })
  .refine((a) => !(a.suiteItemId && a.monitorId), { message: "Link a suite item or a monitor, not both.", path: ["monitorId"] });
export type AddCorrectiveActionInput = z.infer<typeof addCorrectiveActionSchema>;

/** Body of PATCH /incidents/:id/corrective-actions: the action's id and what changes. */
export const updateCorrectiveActionSchema = z
  .object({
    id: idSchema("a corrective action"),
    description: actionDescriptionSchema.optional(),
    ownerId: ownerIdSchema.optional(),
    dueDate: dueDateSchema.optional(),
    suiteItemId: linkIdSchema.optional(),
    monitorId: linkIdSchema.optional(),
    /** true marks it done now (or at completedAt); false reopens it. */
    completed: z.boolean({ error: "completed must be true or false." }).optional(),
    completedAt: pastInstantSchema("it was completed").optional(),
  })
  .refine((a) => !(a.suiteItemId && a.monitorId), { message: "Link a suite item or a monitor, not both.", path: ["monitorId"] })
  .refine((a) => !(a.completedAt && a.completed === false), { message: "A reopened action has no completion time.", path: ["completedAt"] })
  .refine(
    (a) => [a.description, a.ownerId, a.dueDate, a.suiteItemId, a.monitorId, a.completed, a.completedAt].some((v) => v !== undefined),
    { message: "Send at least one of description, owner, due date, link or completion to change." },
  );
export type UpdateCorrectiveActionInput = z.infer<typeof updateCorrectiveActionSchema>;

const commaList = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : v), z.array(item));

/** Query string of GET /incidents: ?status=open,investigating&level=sev1,sev2&source=…&systemId=…&monitorId=…&recurring=true */
export const listIncidentsFilterSchema = z.object({
  status: commaList(incidentStatusSchema).optional(),
  level: commaList(incidentLevelSchema).optional(),
  source: commaList(incidentSourceSchema).optional(),
  systemId: z.string().trim().min(1).optional(),
  monitorId: z.string().trim().min(1).optional(),
  recurring: z
    .preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean({ error: "recurring must be true or false." }))
    .optional(),
});
export type ListIncidentsFilter = z.infer<typeof listIncidentsFilterSchema>;

/** Query of GET /incidents/metrics: ?since=2026-01-01 (default: the last 90 days). */
export const incidentMetricsQuerySchema = z.object({
  since: z
    .union([z.date(), z.string().trim().min(1)], { error: "Enter a start date." })
    .transform((v) => (v instanceof Date ? v : new Date(v)))
    .refine((d) => !Number.isNaN(d.getTime()), "Enter a valid start date.")
    .optional(),
});
