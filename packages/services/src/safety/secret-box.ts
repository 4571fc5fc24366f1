import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Target API keys are encrypted at rest with AES-256-GCM. The key is derived
 * (HKDF-SHA256) from ASSAY_ENCRYPTION_KEY, or else from the session secret, so
 * the web app and the worker, which share the environment, can both use it.
 * Stored form: "v1.<iv>.<tag>.<ciphertext>", base64url.
 */
const VERSION = "v1";
const DEV_ONLY_SECRET = "assay-development-only-encryption-secret";

function keyMaterial(): string {
  const configured = process.env.ASSAY_ENCRYPTION_KEY ?? process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  if (configured) return configured;
  if (process.env.NODE_ENV === "production") {
    throw new Error("Set ASSAY_ENCRYPTION_KEY (or NEXTAUTH_SECRET) so target API keys can be encrypted at rest.");
  }
  return DEV_ONLY_SECRET;
}

function derivedKey(): Buffer {
  return Buffer.from(hkdfSync("sha256", keyMaterial(), "assay", "target-api-key", 32));
}

export function sealSecret(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derivedKey(), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

export function openSecret(sealed: string): string {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error("The stored API key is not in a known format.");
  const decipher = createDecipheriv("aes-256-gcm", derivedKey(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
