/**
 * Only same-site paths are followed after sign-in; anything else could send a
 * freshly signed-in user to another site.
 */
export function safeCallbackUrl(value: string | string[] | undefined | null, fallback = "/"): string {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (!candidate || !candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) return fallback;
  return candidate;
}
