import { z } from "zod";

export const ROLES = ["admin", "scientist", "product_owner", "approver", "auditor"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  scientist: "Scientist",
  product_owner: "Product owner",
  approver: "Approver",
  auditor: "Auditor",
};

/**
 * What each role may do. Reading is open to every member; the auditor reads
 * everything and changes nothing. Checked on the server for every route.
 */
export const PERMISSIONS = {
  "org.read": ["admin", "scientist", "product_owner", "approver", "auditor"],
  "org.manage": ["admin"],
  "system.write": ["scientist"],
  "version.write": ["scientist"],
  "dataset.write": ["scientist"],
  "plan.write": ["scientist"],
  "run.start": ["scientist"],
  "risk.write": ["scientist", "product_owner"],
  "review.create": ["product_owner"],
  "review.signoff": ["scientist", "product_owner", "approver"],
  "review.decide": ["product_owner"],
  "evidence.download": ["admin", "scientist", "product_owner", "approver", "auditor"],
  "monitor.write": ["admin", "scientist"],
  "apiToken.manage": ["admin", "scientist"],
  "alert.configure": ["admin", "scientist"],
  "webhook.manage": ["admin", "scientist"],
  "alert.respond": ["scientist", "product_owner", "approver"],
  "incident.write": ["scientist", "product_owner", "approver"],
  "safety.write": ["admin", "scientist"],
  "verdict.override": ["scientist"],
  "redteam.write": ["admin", "scientist"],
  "taxonomy.manage": ["admin"],
  "review.recommend": ["scientist"],
  "review.hold": ["admin", "scientist", "product_owner", "approver"],
  "review.clearHold": ["approver"],
  "exception.approve": ["approver"],
  "exception.request": ["scientist", "product_owner"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((role) => allowed.includes(role));
}
