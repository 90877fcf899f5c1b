import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import { openPostgres, openSqlite, type Db, type Dialect } from '../db/database.ts';
import { dialects, freshPostgresDatabase } from '../db/testing/testDatabases.ts';
import { documentLinkKey } from './linkKey.ts';
import { LinkSigner } from './links.ts';

const log = pino({ level: 'silent' });

/** Two server nodes on one database: separate connections (pools) to the same database. */
async function twoNodesOnOneDatabase(dialect: Dialect): Promise<{ nodes: [Db, Db]; close(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kanava-linkkey-'));
    const file = path.join(dir, 'kanava.sqlite');
    const a = await openSqlite(file, log);
    const b = await openSqlite(file, log);
    return {
      nodes: [a, b],
      async close() {
        await a.destroy();
        await b.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const { url, drop } = await freshPostgresDatabase();
  const a = await openPostgres(url, log);
  const b = await openPostgres(url, log);
  return {
    nodes: [a, b],
    async close() {
      await a.destroy();
      await b.destroy();
      await drop();
    },
  };
}

describe.each(dialects)('document link key shared by the server nodes (%s)', (dialect) => {
  it('two nodes starting at once agree on one stored key, so a link from one opens on the other, also after a restart', async () => {
    const { nodes, close } = await twoNodesOnOneDatabase(dialect);
    try {
      const [keyA, keyB] = await Promise.all(nodes.map((db) => documentLinkKey(db, undefined)));
      expect(keyA?.length).toBe(32);
      expect(keyB?.equals(keyA!)).toBe(true);
      const link = new LinkSigner({ key: keyA! }).sign('document', 'doc-1', '/api/session-documents/doc-1');
      const query = Object.fromEntries(new URL(link, 'http://x').searchParams);
      expect(new LinkSigner({ key: keyB! }).verify('document', 'doc-1', query)).toBe(true);
      // A restarted node reads the same key; a node with its own per-process key would refuse the link.
      expect(new LinkSigner({ key: await documentLinkKey(nodes[1], undefined) }).verify('document', 'doc-1', query)).toBe(true);
      expect(new LinkSigner().verify('document', 'doc-1', query)).toBe(false);
      expect(new LinkSigner({ key: keyB! }).verify('document', 'doc-2', query)).toBe(false);
    } finally {
      await close();
    }
  });

  it('a configured key wins over the stored one', async () => {
    const { nodes, close } = await twoNodesOnOneDatabase(dialect);
    try {
      const configured = Buffer.from('k'.repeat(40));
      const stored = await documentLinkKey(nodes[0], undefined);
      expect((await documentLinkKey(nodes[1], configured)).equals(configured)).toBe(true);
      expect(stored.equals(configured)).toBe(false);
    } finally {
      await close();
    }
  });
});

describe('KANAVA_DOCUMENT_LINK_KEY', () => {
  it('is read from the environment and must be at least 32 bytes, naming the variable when it is not', () => {
    const key = 'x'.repeat(32);
    expect(loadConfig({ KANAVA_DOCUMENT_LINK_KEY: key }, '/').documents.linkKey?.toString()).toBe(key);
    expect(loadConfig({}, '/').documents.linkKey).toBeUndefined();
    expect(() => loadConfig({ KANAVA_DOCUMENT_LINK_KEY: 'too-short' }, '/')).toThrow(ConfigError);
    expect(() => loadConfig({ KANAVA_DOCUMENT_LINK_KEY: 'too-short' }, '/')).toThrow(/KANAVA_DOCUMENT_LINK_KEY: at least 32 bytes/);
  });
});
