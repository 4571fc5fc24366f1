// `pnpm exec tsx scripts/build-safety-suites.ts [--check]`: converts the
// safety datasets in /work/shared/data/safety into the built-in suites
// shipped in packages/datasets/safety/suites (one JSON file per suite, a
// catalog, and the sources' licence files). Run by developers when a source
// changes; the product only reads the converted files. With --check it
// writes nothing and fails if any output would change.
//
// Core is imported by path: the converter needs only the safety schemas and
// taxonomy, not the rest of @assay/core.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { suiteFileSchema, summariseSuite, type SuiteFile } from "../packages/core/src/safety/suite-file";
import { DEFAULT_TAXONOMY, hasCategory } from "../packages/core/src/safety/taxonomy";
import { suiteDefinitions, type SuiteDefinition } from "./safety-suites/catalog";
import { sha256Of, sharedPath } from "./safety-suites/source-files";

const root = path.resolve(import.meta.dirname, "..");
const suitesDir = path.join(root, "packages/datasets/safety/suites");
const checkOnly = process.argv.includes("--check");

/** Compact JSON with one item per line, so a diff shows which items changed. */
function serialise(suite: SuiteFile): string {
  const { items, ...metadata } = suite;
  const head = JSON.stringify(metadata);
  return `${head.slice(0, -1)},"items":[\n${items.map((item) => JSON.stringify(item)).join(",\n")}\n]}\n`;
}

function buildSuite(definition: SuiteDefinition): SuiteFile {
  const { sourceFiles: _sourceFiles, licenceFile: _licenceFile, build, ...metadata } = definition;
  const items = build(DEFAULT_TAXONOMY);
  const suite = suiteFileSchema.parse({ ...metadata, contentWarning: true, itemCount: items.length, items });
  const unknown = suite.items.find((item) => !hasCategory(DEFAULT_TAXONOMY, item.category));
  if (unknown) throw new Error(`${suite.key}: item ${unknown.externalId} has category "${unknown.category}", which is not in the default taxonomy`);
  return suite;
}

const outputs = new Map<string, string | Buffer>();
const report: string[] = [];
const summaries = [];

for (const definition of suiteDefinitions()) {
  const suite = buildSuite(definition);
  const text = serialise(suite);
  outputs.set(path.join(suitesDir, `${suite.key}.json`), text);
  if (definition.licenceFile) {
    const [from, name] = definition.licenceFile;
    outputs.set(path.join(suitesDir, "licences", name), readFileSync(sharedPath(from)));
  }
  const summary = summariseSuite(suite);
  summaries.push(summary);
  const sha = createHash("sha256").update(text).digest("hex");
  const withDetector = suite.items.filter((item) => item.injection?.detector).length;
  report.push(
    [
      `${suite.key}: ${suite.itemCount} items, ${Buffer.byteLength(text)} bytes, sha256 ${sha}`,
      `  expected ${JSON.stringify(summary.expected)}`,
      `  categories ${JSON.stringify(summary.categories)}`,
      withDetector ? `  injection detectors on ${withDetector} items` : "",
      ...definition.sourceFiles.map((file) => `  source ${file} sha256 ${sha256Of(file)}`),
    ]
      .filter(Boolean)
      .join("\n"),
  );
}

const catalog = `[\n${summaries.map((summary) => JSON.stringify(summary)).join(",\n")}\n]\n`;
outputs.set(path.join(suitesDir, "catalog.json"), catalog);

const stale = [...outputs].filter(([file, content]) => !existsSync(file) || !readFileSync(file).equals(Buffer.from(content)));
if (checkOnly) {
  for (const [file] of stale) console.error(`out of date: ${path.relative(root, file)}`);
  if (stale.length > 0) process.exit(1);
  console.log("All built-in suites are up to date.");
} else {
  for (const [file, content] of stale) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    console.log(`wrote ${path.relative(root, file)}`);
  }
  console.log(report.join("\n"));
  console.log(`catalog.json sha256 ${createHash("sha256").update(catalog).digest("hex")}`);
}
