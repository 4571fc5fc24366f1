import { spawn, type ChildProcess } from "node:child_process";
import { openAsBlob } from "node:fs";
import path from "node:path";

const PORT = 3200;
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = "assay-demo-password";

/** A minimal cookie jar: next-auth needs its CSRF and session cookies sent back. */
class Session {
  private cookies = new Map<string, string>();
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await fetch(BASE + url, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return res;
  }
  async json<T>(url: string, init: RequestInit = {}): Promise<T> {
    const res = await this.fetch(url, init);
    if (!res.ok) throw new Error(`${init.method ?? "GET"} ${url} → ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  }
}

async function waitForServer(server: ChildProcess): Promise<void> {
  for (let i = 0; i < 180; i++) {
    if (server.exitCode !== null) throw new Error("The Assay server exited while starting; see its output above.");
    try {
      if ((await fetch(`${BASE}/signin`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error("The Assay server did not start within 3 minutes.");
}

/**
 * Starts web + worker on a fresh, seeded database (the e2e server script),
 * signs in as the demo scientist, uploads the CSV to the demo model version
 * and waits for the run to succeed. Needs a production build of apps/web.
 */
export async function runUploadToResults(root: string, csvPath: string): Promise<{ totalMs: number; uploadMs: number; runMs: number }> {
  const server = spawn("bash", [path.join(root, "scripts/e2e-server.sh")], {
    cwd: root,
    env: { ...process.env, E2E_PORT: String(PORT), E2E_DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/assay_bench_e2e" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  try {
    await waitForServer(server);
    const session = new Session();
    const { csrfToken } = await session.json<{ csrfToken: string }>("/api/auth/csrf");
    await session.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, email: "scientist@example.com", password: PASSWORD, json: "true" }),
    });
    const systems = await session.json<Array<{ id: string }>>("/api/v1/systems");
    const versions = await session.json<Array<{ id: string }>>(`/api/v1/systems/${systems[0]!.id}/versions`);
    const versionId = versions[0]!.id;

    const started = performance.now();
    const form = new FormData();
    form.set("name", "Benchmark, 1M rows");
    form.set("mapping", JSON.stringify({ labelColumn: "label", predictionColumn: "prediction", positiveValue: "1", sensitiveColumns: ["race", "sex", "age_band"] }));
    form.set("file", await openAsBlob(csvPath, { type: "text/csv" }), "bench.csv");
    const dataset = await session.json<{ id: string }>(`/api/v1/versions/${versionId}/datasets`, { method: "POST", body: form });
    const uploaded = performance.now();

    const run = await session.json<{ id: string }>(`/api/v1/versions/${versionId}/runs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ datasetId: dataset.id }),
    });
    for (;;) {
      const state = await session.json<{ status: string; error: string | null }>(`/api/v1/runs/${run.id}`);
      if (state.status === "succeeded") break;
      if (state.status === "failed") throw new Error(`The benchmark run failed: ${state.error}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const finished = performance.now();
    return { totalMs: finished - started, uploadMs: uploaded - started, runMs: finished - uploaded };
  } finally {
    if (server.pid && server.exitCode === null) process.kill(-server.pid, "SIGTERM");
  }
}
