import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

export * from "./generated/prisma/client";
export type { Prisma } from "./generated/prisma/client";

const globalForPrisma = globalThis as unknown as { assayPrisma?: PrismaClient };

export function databaseUrl(): string {
  return process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/assay";
}

function createClient(): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl() }) });
}

/** One client per process; Next's dev server reloads modules, so keep it on globalThis. */
export const prisma: PrismaClient = globalForPrisma.assayPrisma ?? createClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.assayPrisma = prisma;

/** The client handed to a callback of prisma.$transaction. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
