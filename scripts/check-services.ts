// Says which backing service is unreachable and how to start it, instead of a stack trace.
import { Socket } from "node:net";

function reachable(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000);
    socket.once("connect", () => done(true));
    socket.once("timeout", () => done(false));
    socket.once("error", () => done(false));
    socket.connect(Number(port || defaultPort), hostname);
  });
}

const databaseUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/assay";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

const problems: string[] = [];
if (!(await reachable(databaseUrl, 5432))) {
  problems.push(
    `Postgres is not reachable at ${new URL(databaseUrl).host}.\n` +
      "  Start it with Docker:        docker compose up -d postgres\n" +
      "  or the local service:        pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n" +
      "  or point DATABASE_URL at a running server.",
  );
}
if (!(await reachable(redisUrl, 6379))) {
  problems.push(
    `Redis is not reachable at ${new URL(redisUrl).host}.\n` +
      "  Start it with Docker:        docker compose up -d redis\n" +
      '  or the local service:        redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save ""\n' +
      "  or point REDIS_URL at a running server.",
  );
}
if (problems.length > 0) {
  console.error(problems.join("\n\n"));
  process.exit(1);
}
