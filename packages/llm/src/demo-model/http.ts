import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

// Suites carry contexts of up to 100k characters per item; this leaves room for the framing.
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export class RequestTooLarge extends Error {}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is drained unread, so the client still gets its 413.
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => (size > MAX_BODY_BYTES ? reject(new RequestTooLarge()) : resolve(Buffer.concat(chunks).toString("utf8"))));
    req.on("error", reject);
  });
}

export function hasApiKey(req: IncomingMessage, apiKey: string): boolean {
  const given = Buffer.from(req.headers.authorization ?? "");
  const expected = Buffer.from(`Bearer ${apiKey}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
