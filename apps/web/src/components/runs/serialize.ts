/**
 * A value as it arrives over JSON: dates become ISO strings. Server components
 * hand lists to client components in this shape, so that the first render and
 * every later poll of the API see the same types.
 */
export type Jsonify<T> = T extends Date
  ? string
  : T extends ReadonlyArray<infer U>
    ? Jsonify<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonify<T[K]> }
      : T;

/** What the API would answer for `value`. */
export function toJson<T>(value: T): Jsonify<T> {
  return JSON.parse(JSON.stringify(value)) as Jsonify<T>;
}
