// Drops and recreates the database named in DATABASE_URL. Used only for test databases.
import pg from "pg";

const url = new URL(process.env.DATABASE_URL ?? "");
const name = decodeURIComponent(url.pathname.slice(1));
if (!/_(test|e2e)$/.test(name)) {
  console.error(`Refusing to reset "${name}": only databases ending in _test or _e2e are reset.`);
  process.exit(1);
}
const admin = new pg.Client({ host: url.hostname, port: Number(url.port || 5432), user: decodeURIComponent(url.username || "postgres"), database: "postgres" });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
await admin.query(`CREATE DATABASE "${name}"`);
await admin.end();
