/**
 * Makes a value safe for JSON responses: BigInt becomes a number (sizes and
 * counts here stay far below 2^53) and Dates stay Dates for NextResponse.json.
 */
export function jsonSafe<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? Number(v) : v))) as T;
}
