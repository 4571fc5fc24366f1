import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import pg from "pg";

/** A fresh, migrated database for the integration suites; real Postgres, real Redis. */
export default async function setup() {
  const url = new URL(process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/assay_test");
  const dbName = url.pathname.slice(1);
  const admin = new pg.Client({ host: url.hostname, port: Number(url.port || 5432), user: url.username || "postgres", database: "postgres" });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  execFileSync("pnpm", ["exec", "prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url.toString(), CHECKPOINT_DISABLE: "1" },
    stdio: "pipe",
  });
  rmSync("var/test-storage", { recursive: true, force: true });
}
