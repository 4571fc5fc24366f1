import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts", "apps/*/src/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/node_modules/**"],
          environment: "node",
        },
      },
      {
        test: {
          name: "integration",
          include: ["packages/*/test/**/*.int.test.ts", "apps/*/test/**/*.int.test.ts"],
          environment: "node",
          globalSetup: ["./tests/integration/global-setup.ts"],
          // The suites share one Postgres database and one Redis; run files one at a time.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          env: {
            DATABASE_URL: process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/assay_test",
            REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
            ASSAY_QUEUE_PREFIX: "assay-test",
            ASSAY_STORAGE_DIR: "var/test-storage",
          },
        },
      },
    ],
  },
});
