// Reports the largest client JavaScript files of the last `next build`, raw and gzipped.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const root = path.resolve(import.meta.dirname, "../apps/web/.next/static");
const files: string[] = [];
const walk = (dir: string) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith(".js")) files.push(full);
  }
};
try {
  walk(root);
} catch {
  console.error("No build found: run `pnpm --filter @assay/web build` first.");
  process.exit(1);
}
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const rows = files
  .map((file) => ({ file: path.relative(root, file), raw: statSync(file).size, gzip: gzipSync(readFileSync(file)).length }))
  .sort((a, b) => b.raw - a.raw);
const total = rows.reduce((sum, r) => ({ raw: sum.raw + r.raw, gzip: sum.gzip + r.gzip }), { raw: 0, gzip: 0 });
console.log(`${rows.length} client JS files, ${kb(total.raw)} raw, ${kb(total.gzip)} gzipped in total. Largest:`);
for (const r of rows.slice(0, 8)) console.log(`  ${kb(r.raw).padStart(10)}  ${kb(r.gzip).padStart(10)} gz  ${r.file}`);
