import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '@kanava/shared';

const nodeScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'nodeProcess.ts');

export interface NodeProcess {
  readonly nodeId: string;
  readonly url: string;
  /** What the node wrote to stderr (its warnings), for a failing test's message. */
  output(): string;
  /** SIGKILL: the node vanishes without releasing anything, as a crashed machine would. */
  kill(): Promise<void>;
  /** SIGTERM: a graceful stop. */
  stop(): Promise<void>;
}

export interface NodeOptions {
  nodeId: string;
  redisUrl: string;
  databaseUrl: string;
  leaseMs: number;
  reconnectGraceMs?: number;
}

/** Starts a server node as a child process and waits until it listens. */
export function startNode(o: NodeOptions): Promise<NodeProcess> {
  const child: ChildProcess = spawn(process.execPath, [nodeScript], {
    env: {
      ...process.env,
      REDIS_URL: o.redisUrl,
      DATABASE_URL: o.databaseUrl,
      KANAVA_NODE_ID: o.nodeId,
      KANAVA_ROOM_LEASE_MS: String(o.leaseMs),
      TEST_RECONNECT_GRACE_MS: String(o.reconnectGraceMs ?? 30_000),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(sig);
    await exited;
  };
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      const line = buffered.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      child.stdout?.off('data', onData);
      const { url } = JSON.parse(line) as { url: string };
      resolve({ nodeId: o.nodeId, url, output: () => stderr, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM') });
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`node ${o.nodeId} exited (${code}) before listening:\n${stderr}`)));
  });
}

/** A socket.io client of one node, like a browser's (no automatic reconnection: the test reconnects). */
export function connectTo(url: string, staff?: string): Promise<Socket> {
  const socket = io(url, {
    transports: ['websocket'],
    auth: { protocolVersion: PROTOCOL_VERSION },
    reconnection: false,
    forceNew: true,
    ...(staff ? { extraHeaders: { cookie: `test-staff=${staff}` } } : {}),
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

export interface TcpProxy {
  readonly port: number;
  /** Drops every connection and refuses new ones, as an unreachable database would. */
  cut(): Promise<void>;
  /** Lets connections through again. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** A loopback TCP proxy in front of a server (PostgreSQL) that a test can cut and restore. */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let port = 0;
  let server: net.Server | undefined;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = net.createServer((client) => {
        const upstream = net.connect(targetPort, '127.0.0.1');
        for (const sock of [client, upstream]) {
          open.add(sock);
          sock.on('close', () => open.delete(sock));
          sock.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        const address = s.address();
        port = typeof address === 'object' && address ? address.port : port;
        server = s;
        resolve();
      });
    });
  const cut = async () => {
    const s = server;
    server = undefined;
    for (const sock of open) sock.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await listen();
  return { get port() { return port; }, cut, restore: listen, close: cut };
}
