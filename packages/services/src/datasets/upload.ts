import { prisma, type Prisma } from "@assay/db";
import busboy from "busboy";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import { mutate } from "../audit";
import { assertCan, type ServiceContext } from "../context";
import { invalid, notFound, ServiceError } from "../errors";
import { DataFileError, describeUnsupportedFormat, inspectTable, isParquetHead, lineOfOffset, Utf8Validator } from "./inspect";
import { datasetUploadFieldsSchema, toDatasetDto, type DatasetDto } from "./schemas";
import { commitStaged, maxUploadBytes, removeQuietly, stageStream, tooLarge, type StagedFile } from "./storage";

type UploadFields = Record<string, string | undefined>;

export type DatasetUploadInput = {
  /**
   * `name` (optional) and `mapping` (JSON). May be a promise: in a multipart
   * body the fields can follow the file, so they are only read once the file
   * has been received.
   */
  fields: UploadFields | Promise<UploadFields>;
  fileStream: Readable;
  fileName: string;
};

/** Bytes the first-bytes check needs to recognise Parquet, gzip and ZIP files. */
const MAGIC_BYTES = 8;

async function findVersion(ctx: ServiceContext, versionId: string) {
  const version = await prisma.modelVersion.findFirst({ where: { id: versionId, orgId: ctx.orgId }, select: { id: true, label: true } });
  if (!version) throw notFound("Model version");
  return version;
}

function cleanFileName(name: string): string {
  // Browsers send a bare name; other clients may send a path.
  const base = path.basename(name.replaceAll("\\", "/")).trim();
  return (base || "upload.csv").slice(0, 255);
}

const defaultName = (fileName: string) => fileName.replace(/\.[^.]+$/, "") || fileName;

/**
 * Receives a predictions file for a model version. The file streams to a
 * temporary file (hashed and checked for UTF-8 on the way, never held in
 * memory), is validated with DuckDB against the column mapping, and only then
 * moves to its content address and gets a Dataset row. A file that fails any
 * check leaves nothing behind: no row, no blob, no temporary file.
 */
export async function uploadDataset(ctx: ServiceContext, versionId: string, input: DatasetUploadInput): Promise<DatasetDto> {
  assertCan(ctx, "dataset.write");
  const version = await findVersion(ctx, versionId);
  const fileName = cleanFileName(input.fileName);

  const utf8 = new Utf8Validator();
  let head = Buffer.alloc(0);
  let staged: StagedFile | undefined;
  let committed = false;
  try {
    staged = await stageStream(input.fileStream, {
      maxBytes: maxUploadBytes(),
      inspect: (chunk) => {
        if (head.length < MAGIC_BYTES) head = Buffer.concat([head, chunk.subarray(0, MAGIC_BYTES - head.length)]);
        utf8.push(chunk);
      },
    });
    const fields = datasetUploadFieldsSchema.parse(await input.fields);
    if (staged.sizeBytes === 0) throw invalid("The file is empty.", { problems: [{ message: "The file is empty." }] });
    const unsupported = describeUnsupportedFormat(head);
    if (unsupported) throw invalid(unsupported);
    // Parquet is binary and self-describing; only text files must be UTF-8.
    const format = isParquetHead(head) ? "parquet" : "csv";
    const invalidAt = format === "csv" ? utf8.end() : null;
    if (invalidAt !== null) {
      const line = await lineOfOffset(staged.tempPath, invalidAt);
      const message = `The file is not valid UTF-8 (line ${line}). Save it with UTF-8 encoding and upload it again.`;
      throw invalid(message, { problems: [{ message, line }] });
    }

    let inspection;
    try {
      inspection = await inspectTable(staged.tempPath, format, fields.mapping);
    } catch (error) {
      if (error instanceof DataFileError) throw invalid(error.message, { problems: error.problems });
      throw error;
    }

    await commitStaged(staged);
    committed = true;
    const { mapping } = fields;
    const file = staged;
    return await mutate(ctx, async (tx, record) => {
      const created = await tx.dataset.create({
        data: {
          orgId: ctx.orgId,
          modelVersionId: version.id,
          name: fields.name ?? defaultName(fileName),
          fileName,
          format,
          contentSha256: file.sha256,
          sizeBytes: BigInt(file.sizeBytes),
          rowCount: inspection.rowCount,
          columns: inspection.columns as Prisma.InputJsonValue,
          labelColumn: mapping.labelColumn,
          predictionColumn: mapping.predictionColumn ?? null,
          positiveValue: mapping.positiveValue,
          sensitiveColumns: mapping.sensitiveColumns,
          scoreColumn: mapping.scoreColumn ?? null,
          threshold: mapping.threshold ?? null,
          createdById: ctx.userId,
        },
      });
      // Which columns are sensitive is governed information: the audit trail says who declared them.
      await record({
        action: "dataset.uploaded",
        entityType: "Dataset",
        entityId: created.id,
        after: {
          modelVersionId: version.id,
          name: created.name,
          fileName,
          format: created.format,
          contentSha256: file.sha256,
          sizeBytes: file.sizeBytes,
          rowCount: created.rowCount,
          labelColumn: mapping.labelColumn,
          predictionColumn: mapping.predictionColumn ?? null,
          positiveValue: mapping.positiveValue,
          sensitiveColumns: mapping.sensitiveColumns,
          scoreColumn: mapping.scoreColumn ?? null,
          // How predictions were defined is part of what the dataset means, so it is audited with the columns.
          threshold: mapping.threshold ?? null,
        },
      });
      const creator = await tx.user.findUnique({ where: { id: ctx.userId }, select: { id: true, name: true } });
      return toDatasetDto(created, creator ?? { id: ctx.userId, name: "Unknown user" });
    });
  } finally {
    // A committed blob stays even if the row fails: it is content-addressed and may be shared.
    if (staged && !committed) await removeQuietly(staged.tempPath);
  }
}

export type MultipartRequest = {
  contentType: string | null;
  contentLength?: string | null;
  body: Readable | ReadableStream<Uint8Array> | null;
};

/** Room for the multipart boundaries and text fields around the file itself. */
const MULTIPART_OVERHEAD_BYTES = 1024 * 1024;

function toNodeStream(body: Readable | ReadableStream<Uint8Array>): Readable {
  if (body instanceof Readable) return body;
  // The DOM and node:stream/web declare the same WHATWG stream twice.
  return Readable.fromWeb(body as unknown as NodeWebReadableStream<Uint8Array>);
}

/**
 * The HTTP adapter: parses a multipart/form-data body (fields `name`,
 * `mapping` and `file`) as a stream with busboy and hands the file stream to
 * uploadDataset while it is still arriving.
 */
export async function uploadDatasetMultipart(ctx: ServiceContext, versionId: string, request: MultipartRequest): Promise<DatasetDto> {
  // Refuse before reading a byte of what may be a very large body.
  assertCan(ctx, "dataset.write");
  await findVersion(ctx, versionId);
  const contentType = request.contentType ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data") || !request.body) {
    throw invalid("Send the upload as multipart/form-data with the fields name, mapping and file.");
  }
  const maxBytes = maxUploadBytes();
  const declared = Number(request.contentLength ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes + MULTIPART_OVERHEAD_BYTES) throw tooLarge(maxBytes);

  const body = toNodeStream(request.body);
  return new Promise<DatasetDto>((resolve, reject) => {
    const fields: UploadFields = {};
    let resolveFields: (value: UploadFields) => void = () => undefined;
    const fieldsReady = new Promise<UploadFields>((r) => (resolveFields = r));
    let upload: Promise<DatasetDto> | undefined;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      body.unpipe();
      body.resume();
      reject(error);
    };

    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { "content-type": contentType },
        // One byte over the limit is enough for stageStream to report 413.
        limits: { files: 1, fields: 10, fieldSize: MULTIPART_OVERHEAD_BYTES, fileSize: maxBytes + 1 },
      });
    } catch (error) {
      reject(invalid(`The multipart body could not be read: ${error instanceof Error ? error.message : String(error)}`));
      return;
    }
    parser.on("field", (name, value) => {
      fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      if (name !== "file" || upload) {
        stream.resume();
        return;
      }
      upload = uploadDataset(ctx, versionId, { fields: fieldsReady, fileStream: stream, fileName: info.filename ?? "upload.csv" });
      // Keep the body flowing after an early failure so the client still gets the answer.
      upload.catch(() => stream.resume());
    });
    parser.on("close", () => {
      resolveFields(fields);
      if (!upload) return fail(invalid("Choose a CSV file to upload (form field 'file')."));
      upload.then(
        (dataset) => {
          settled = true;
          resolve(dataset);
        },
        (error: unknown) => fail(error),
      );
    });
    parser.on("error", (error: unknown) => {
      resolveFields(fields);
      fail(error instanceof ServiceError ? error : invalid(`The multipart body could not be read: ${error instanceof Error ? error.message : String(error)}`));
    });
    body.on("error", (error) => fail(invalid(`The upload was interrupted: ${error.message}`)));
    body.pipe(parser);
  });
}
