import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{shared,sfu,server,client,bench}/src/**/*.test.ts'],
          exclude: ['**/*.integration.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['{shared,sfu,server}/src/**/*.integration.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          // Real mediasoup workers and databases: one file at a time on a 2-core machine.
          fileParallelism: false,
          // A throwaway PostgreSQL cluster (repository tests run on SQLite and PostgreSQL) and a Redis.
          globalSetup: ['server/src/db/testing/postgresCluster.ts', 'server/src/testing/redisServer.ts'],
        },
      },
    ],
  },
});
