import type { NextConfig } from "next";
import { execSync } from "node:child_process";

function commitSha(): string {
  if (process.env.ASSAY_CODE_VERSION) return process.env.ASSAY_CODE_VERSION;
  try {
    return execSync("git rev-parse --short HEAD", { stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
  } catch {
    return "dev";
  }
}

const config: NextConfig = {
  transpilePackages: ["@assay/core", "@assay/db", "@assay/queue", "@assay/services"],
  // Native or Node-only modules stay out of the server bundle.
  serverExternalPackages: ["@duckdb/node-api", "@duckdb/node-bindings", "pg", "bullmq", "ioredis", "busboy", "bcryptjs"],
  env: { ASSAY_CODE_VERSION: commitSha() },
  poweredByHeader: false,
  typescript: { ignoreBuildErrors: false },
};

export default config;
