/** FNV-1a, 32 bits: tiny, dependency-free and stable across runs and platforms. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * A percentile in [0, 100) fixed by the text. Each decision has its own salt,
 * so the slice that over-refuses is not also the slice that leaks.
 */
export const bucket = (text: string, salt: string): number => fnv1a(`${salt}\u0000${text.replace(/\s+/g, " ").trim()}`) % 100;

/** One of `options`, fixed by the text. */
export function pick<T>(options: readonly [T, ...T[]], text: string, salt: string): T {
  return options[fnv1a(`${salt}\u0000${text}`) % options.length] ?? options[0];
}
