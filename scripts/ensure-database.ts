// Creates the database named in DATABASE_URL if it does not exist yet.
import pg from "pg";

const url = new URL(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/assay");
const name = decodeURIComponent(url.pathname.slice(1));
const admin = new pg.Client({
  host: url.hostname,
  port: Number(url.port || 5432),
  user: decodeURIComponent(url.username || "postgres"),
  password: decodeURIComponent(url.password) || undefined,
  database: "postgres",
});
await admin.connect();
const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
if (!rowCount) {
  await admin.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  console.log(`Created database ${name}.`);
}
await admin.end();
