// Loaded only by the Prisma CLI. Runs the schema engine as wasm through the
// pg driver adapter so that generate/migrate work with no engine download.
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// The wasm schema engine arms 10 s and 60 s timers it never clears; without
// this every CLI command lingers for a minute after finishing.
const realSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const timer = realSetTimeout(handler, ms, ...args);
  if ((ms ?? 0) >= 5000) timer.unref();
  return timer;
}) as typeof setTimeout;

// adapter-pg cannot deserialize catalog columns of type name/"char" and friends
// (prisma/prisma orm#27403); re-tag them as text before Prisma sees them.
const TEXT_LIKE_OIDS = new Set([18, 19, 22, 24, 30, 194, 2205, 2206]);
const TEXT = 25;
const NAME_ARRAY = 1003;
const TEXT_ARRAY = 1009;

type PgField = { dataTypeID: number };
type Performer = { performIO(query: unknown): Promise<{ fields: PgField[] }> };
type ScriptRunner = {
  client: { query(sql: string): Promise<unknown> };
  onError(error: unknown): never;
  executeScript(script: string): Promise<void>;
};
let patched = false;
function patchAdapter(adapter: object) {
  if (patched) return;
  // The stock executeScript splits on every ";", which breaks plpgsql bodies.
  // Postgres' simple-query protocol runs a multi-statement script in one
  // implicit transaction, so send it whole.
  const adapterProto = Object.getPrototypeOf(adapter) as ScriptRunner;
  adapterProto.executeScript = async function (this: ScriptRunner, script: string) {
    try {
      await this.client.query(script);
    } catch (error) {
      this.onError(error);
    }
  };
  // performIO lives on the shared PgQueryable prototype, which transactions use too.
  const proto = Object.getPrototypeOf(adapterProto) as Performer;
  const original = proto.performIO;
  proto.performIO = async function (this: Performer, query: unknown) {
    const result = await original.call(this, query);
    for (const field of result?.fields ?? []) {
      if (TEXT_LIKE_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT;
      else if (field.dataTypeID === NAME_ARRAY) field.dataTypeID = TEXT_ARRAY;
    }
    return result;
  };
  patched = true;
}

// Discrete fields, not connectionString: node-postgres lets connectionString
// override `database`, which would make the shadow database the real one.
type PoolFields = { host: string; port: number; user: string; password: string; database: string };

function poolConfig(): PoolFields {
  const url = new URL(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/assay");
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username || "postgres"),
    password: decodeURIComponent(url.password),
    database: url.pathname.replace(/^\//, "") || "assay",
  };
}

class MigrationAdapter extends PrismaPg {
  constructor(private readonly fields: PoolFields) {
    super(fields);
  }

  override async connect() {
    const adapter = await super.connect();
    patchAdapter(adapter);
    return adapter;
  }

  // The stock version drops the shadow database while its own pool still holds
  // a connection, so the DROP fails; close the pool first, then drop.
  override async connectToShadowDb() {
    const admin = await this.connect();
    const database = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
    await admin.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new MigrationAdapter({ ...this.fields, database }).connect();
    const closeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await closeShadow();
      await admin.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.dispose();
    };
    return shadow;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  engine: "js",
  adapter: async () => new MigrationAdapter(poolConfig()),
});
