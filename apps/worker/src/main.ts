import { prisma } from "@assay/db";
import { startWorker } from "./app";

const running = startWorker();
console.log(`Assay worker started (pid ${process.pid}).`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing jobs in progress…`);
  await running.close();
  await prisma.$disconnect();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
