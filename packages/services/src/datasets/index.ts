import { prisma } from "@assay/db";
import { assertCan, type ServiceContext } from "../context";
import { notFound } from "../errors";
import { refFor, userRefs } from "../registry/systems";
import { toDatasetDto, type DatasetDto } from "./schemas";

export * from "./schemas";
export { uploadDataset, uploadDatasetMultipart, type DatasetUploadInput, type MultipartRequest } from "./upload";
export { blobPath, storageRoot, maxUploadBytes, DEFAULT_MAX_UPLOAD_BYTES } from "./storage";
export { MAX_GROUPS_PER_ATTRIBUTE, type FileProblem } from "./inspect";

/** Datasets of a model version, newest first. */
export async function listDatasets(ctx: ServiceContext, versionId: string): Promise<DatasetDto[]> {
  assertCan(ctx, "org.read");
  const version = await prisma.modelVersion.findFirst({ where: { id: versionId, orgId: ctx.orgId }, select: { id: true } });
  if (!version) throw notFound("Model version");
  const rows = await prisma.dataset.findMany({ where: { orgId: ctx.orgId, modelVersionId: version.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  const refs = await userRefs(rows.map((r) => r.createdById));
  return rows.map((r) => toDatasetDto(r, refFor(refs, r.createdById)));
}

export async function getDataset(ctx: ServiceContext, datasetId: string): Promise<DatasetDto> {
  assertCan(ctx, "org.read");
  const row = await prisma.dataset.findFirst({ where: { id: datasetId, orgId: ctx.orgId } });
  if (!row) throw notFound("Dataset");
  const refs = await userRefs([row.createdById]);
  return toDatasetDto(row, refFor(refs, row.createdById));
}
export { COMPAS_PREDICTIONS_MAPPING, writeCompasPredictionsCsv } from "./compas";
