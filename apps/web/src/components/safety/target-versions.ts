import { listModelVersions, listSystems, type ServiceContext } from "@assay/services";
import type { VersionOption } from "./target-form";

/** Every model version of the organisation, for the target forms' version select. Server components only. */
export async function targetVersionOptions(ctx: ServiceContext): Promise<VersionOption[]> {
  const systems = await listSystems(ctx);
  const versions = await Promise.all(systems.map((s) => listModelVersions(ctx, s.id)));
  return systems.flatMap((s, i) => (versions[i] ?? []).map((v) => ({ id: v.id, label: v.label, systemName: s.name })));
}
