/**
 * Column names of an uploaded file as Assay uses them: trimmed, a blank name
 * becomes `columnN`, a repeated name gets `_1`, `_2`, ... (as DuckDB does).
 * The browser's mapping step and the server's validation both call this, so
 * the names chosen in the preview are the names the server checks.
 */
export function normalizeHeader(raw: readonly string[]): string[] {
  const names = raw.map((name, i) => name.trim() || `column${i}`);
  const seen = new Set<string>();
  return names.map((name) => {
    let unique = name;
    for (let k = 1; seen.has(unique); k++) unique = `${name}_${k}`;
    seen.add(unique);
    return unique;
  });
}
