import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface BenchServer {
  url: string;
  /** The server's throw-away data folder (its SQLite file is `kanava.sqlite` there). */
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts Kanava as a user would (node server/src/main.ts) on loopback, with a throw-away data folder. */
export async function startServer(port: number): Promise<BenchServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kanava-bench-'));
  const child: ChildProcess = spawn(process.execPath, ['server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      KANAVA_PORT: String(port),
      KANAVA_HOST: '127.0.0.1',
      KANAVA_DATA_DIR: dataDir,
      KANAVA_RTC_LISTEN_IP: '127.0.0.1',
      KANAVA_RTC_MIN_PORT: '43000',
      KANAVA_RTC_MAX_PORT: '43999',
      KANAVA_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server did not become ready in 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dataDir,
    async stop() {
      // A server that already died (e.g. its port was taken) has nothing left to stop.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
