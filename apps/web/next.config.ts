import type { NextConfig } from "next";

const config: NextConfig = {
  transpilePackages: ["@assay/core", "@assay/db", "@assay/datasets", "@assay/llm", "@assay/queue", "@assay/services", "@assay/tabular"],
  // Native or Node-only modules stay out of the server bundle.
  serverExternalPackages: ["@duckdb/node-api", "@duckdb/node-bindings", "pg", "bullmq", "ioredis", "busboy", "bcryptjs"],
  // ASSAY_CODE_VERSION is read at run time (scripts/env.sh sets it from git), so web and worker record the same code version.
  poweredByHeader: false,
  typescript: { ignoreBuildErrors: false },
};

export default config;
