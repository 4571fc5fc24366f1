import { bareHost, forbiddenAddressKind, resolveHost } from "../webhooks/address-guard";

/**
 * Targets are often self-hosted (vLLM, Ollama on the internal network), but a
 * target URL also makes the worker send requests and show what comes back, so
 * internal addresses need an operator's opt-in, as webhooks do.
 */
export const TARGET_PRIVATE_NETWORKS_ENV = "ASSAY_TARGET_ALLOW_PRIVATE_NETWORKS";

export async function targetUrlRefusal(text: string): Promise<string | null> {
  if (process.env[TARGET_PRIVATE_NETWORKS_ENV] === "true") return null;
  const url = new URL(text);
  const host = bareHost(url);
  let addresses;
  try {
    addresses = await resolveHost(host);
  } catch {
    // Unresolvable now: checked again when a run starts.
    return null;
  }
  for (const { address } of addresses) {
    const kind = forbiddenAddressKind(address);
    if (kind === null) continue;
    const subject = address === host ? address : `${host} resolves to ${address}`;
    return `${subject}, ${kind}. An operator can allow targets on internal networks with ${TARGET_PRIVATE_NETWORKS_ENV}=true.`;
  }
  return null;
}
