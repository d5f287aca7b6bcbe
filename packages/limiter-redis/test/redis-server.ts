/**
 * A real redis-server for the tests: started from PATH on a free loopback port (no persistence), or the one CI
 * names in ZENFETCH_REDIS_URL. In CI a missing server fails the tests; elsewhere they are skipped with a reason.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createConnection, createServer } from "node:net";

export interface RedisServer {
  url: string;
  port: number;
  /** The server's pid; undefined for a server these tests did not start. */
  pid: number | undefined;
  /** Kills the server (SIGKILL: gone at once, as in a crash) and waits for it to exit. No-op for one not started here. */
  kill(): Promise<void>;
}

/** Whether a `redis-server` binary is on PATH. */
export function hasRedisServer(): boolean {
  try {
    execFileSync("redis-server", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves when a Redis server on `port` answers PING with PONG; rejects after `timeoutMs`. */
export async function waitForPong(port: number, host = "127.0.0.1", timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await pings(port, host)) return;
    if (Date.now() > deadline)
      throw new Error(`redis-server on ${host}:${port} did not answer PING within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function pings(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    let answer = "";
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once("error", () => done(false));
    socket.on("data", (data) => {
      answer += data.toString();
      if (answer.includes("\r\n")) done(answer.startsWith("+PONG"));
    });
    socket.once("connect", () => socket.write("PING\r\n"));
  });
}

/** Starts `redis-server` on `port` (a free one when omitted), with no persistence, bound to loopback. */
export async function startRedisServer(port?: number): Promise<RedisServer> {
  const chosen = port ?? (await freePort());
  const child: ChildProcess = spawn(
    "redis-server",
    ["--port", String(chosen), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await waitForPong(chosen);
  return {
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    pid: child.pid,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.pid !== undefined) process.kill(child.pid, "SIGKILL");
      await exited;
    },
  };
}

/**
 * The Redis the integration tests use: ZENFETCH_REDIS_URL when set, else one started here. Undefined (with the
 * reason) when there is none outside CI; in CI, an error saying redis-server is needed.
 */
export async function testRedis(): Promise<{ server?: RedisServer; skip?: string }> {
  const fromEnv = process.env.ZENFETCH_REDIS_URL;
  if (fromEnv) {
    const url = new URL(fromEnv);
    const port = Number(url.port || 6379);
    await waitForPong(port, url.hostname, 5_000);
    return { server: { url: fromEnv, port, pid: undefined, kill: async () => {} } };
  }
  if (hasRedisServer()) return { server: await startRedisServer() };
  if (process.env.CI === "true") {
    throw new Error(
      "These tests need Redis: install redis-server (Debian: apt-get install -y redis-server) or set ZENFETCH_REDIS_URL",
    );
  }
  return { skip: "no redis-server on PATH and no ZENFETCH_REDIS_URL: install redis-server to run these tests" };
}

/** Whether to run the tests that start their own redis-server; throws in CI when it cannot. */
export function canStartRedis(): boolean {
  if (hasRedisServer()) return true;
  if (process.env.CI === "true") {
    throw new Error("These tests need redis-server on PATH (Debian: apt-get install -y redis-server)");
  }
  return false;
}
