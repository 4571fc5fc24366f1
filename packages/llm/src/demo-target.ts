import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DEMO_MODEL_NAME, demoReply } from "./demo-model/reply";
import { hasApiKey, readBody, RequestTooLarge } from "./demo-model/http";
import { demoRequestSchema, openAiError, promptTokensOf, withinBudget } from "./demo-model/wire";

/**
 * Faults by request count (1-based, every request counted, retries included),
 * so a run is reproducible: with rateLimitEvery 3, requests 3, 6, 9… get 429.
 */
export type DemoFaults = {
  rateLimitEvery?: number;
  serverErrorEvery?: number;
  slowEvery?: number;
  /** How long a slow request takes; default 5000. */
  slowMs?: number;
  /** Sent with every 429; default 0, i.e. "retry after your own backoff". */
  retryAfterSeconds?: number;
};

export type DemoTargetOptions = {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Every successful answer takes this long, like a model generating. */
  latencyMs?: number;
  /** Unset: no faults. A request with `X-Demo-Fault: none` is never faulted. */
  faults?: DemoFaults;
  /** When set, requests without `Authorization: Bearer <key>` get 401. */
  requireApiKey?: string;
};

export type DemoTargetStats = {
  /** Chat-completion requests received, faulted or not. */
  requests: number;
  byStatus: Record<number, number>;
  inFlight: number;
  maxInFlight: number;
};

export type DemoTarget = {
  /** Base URL ending in /v1, as a target's baseUrl. */
  url: string;
  port: number;
  model: string;
  /** Live counters. */
  stats: DemoTargetStats;
  resetStats(): void;
  close(): Promise<void>;
};

const isEvery = (every: number | undefined, count: number) => every !== undefined && every > 0 && count % every === 0;

export async function startDemoTarget(options: DemoTargetOptions = {}): Promise<DemoTarget> {
  const { port = 0, host = "127.0.0.1", latencyMs = 50, faults, requireApiKey } = options;
  const stats: DemoTargetStats = { requests: 0, byStatus: {}, inFlight: 0, maxInFlight: 0 };
  // Waits in progress, ended on close so that a slow answer does not keep the process (or a test) alive.
  const waiting = new Set<() => void>();

  /**
   * Resolves true after `ms`, or false as soon as the client goes away (it
   * timed out) or the server closes. Plain timers rather than AbortSignals:
   * this runs for every request and signals cost far more.
   */
  const generationTime = (res: ServerResponse, ms: number) =>
    new Promise<boolean>((resolve) => {
      const finish = (completed: boolean) => {
        clearTimeout(timer);
        res.off("close", gone);
        waiting.delete(gone);
        resolve(completed);
      };
      const gone = () => finish(false);
      const timer = setTimeout(() => finish(true), ms);
      res.once("close", gone);
      waiting.add(gone);
    });

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
    if (res.destroyed) return;
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };

  async function chatCompletion(req: IncomingMessage, res: ServerResponse, count: number): Promise<void> {
    if (requireApiKey !== undefined && !hasApiKey(req, requireApiKey))
      return send(res, 401, openAiError("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"));

    let json: unknown;
    try {
      json = JSON.parse(await readBody(req));
    } catch (error) {
      if (error instanceof RequestTooLarge) return send(res, 413, openAiError("Request body too large.", "invalid_request_error"));
      return send(res, 400, openAiError("The body is not valid JSON.", "invalid_request_error"));
    }
    const parsed = demoRequestSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return send(res, 400, openAiError(`${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`, "invalid_request_error"));
    }
    const request = parsed.data;
    if (request.stream) return send(res, 400, openAiError("The demo target does not stream; send stream: false.", "invalid_request_error"));

    const faulted = faults !== undefined && req.headers["x-demo-fault"] !== "none";
    if (faulted && isEvery(faults.rateLimitEvery, count))
      return send(res, 429, openAiError("Rate limit reached (demo fault).", "rate_limit_error"), { "retry-after": String(faults.retryAfterSeconds ?? 0) });
    if (faulted && isEvery(faults.serverErrorEvery, count)) return send(res, 500, openAiError("Internal server error (demo fault).", "server_error"));

    const waitMs = faulted && isEvery(faults.slowEvery, count) ? (faults.slowMs ?? 5000) : latencyMs;
    if (!(await generationTime(res, waitMs))) return;

    const { content, finishReason, completionTokens } = withinBudget(demoReply(request.messages), request.max_completion_tokens ?? request.max_tokens);
    const promptTokens = promptTokensOf(request.messages);
    send(res, 200, {
      id: `chatcmpl-demo-${count}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: request.model,
      choices: [{ index: 0, message: { role: "assistant", content }, logprobs: null, finish_reason: finishReason }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    });
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/v1/models") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ object: "list", data: [{ id: DEMO_MODEL_NAME, object: "model", created: 0, owned_by: "assay" }] }));
      return;
    }
    if (req.method !== "POST" || path !== "/v1/chat/completions") {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify(openAiError(`No route for ${req.method} ${path}.`, "invalid_request_error")));
      return;
    }
    const count = ++stats.requests;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    chatCompletion(req, res, count)
      .catch(() => send(res, 500, openAiError("Internal server error.", "server_error")))
      .finally(() => stats.inFlight--);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  let closed: Promise<void> | undefined;

  return {
    url: `http://${urlHost}:${address.port}/v1`,
    port: address.port,
    model: DEMO_MODEL_NAME,
    stats,
    resetStats() {
      Object.assign(stats, { requests: 0, byStatus: {}, maxInFlight: stats.inFlight });
    },
    // Idempotent: a test may close the target itself and again in its clean-up.
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        for (const gone of [...waiting]) gone();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
