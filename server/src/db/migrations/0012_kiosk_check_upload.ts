import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * How far a kiosk check's upload figure can be trusted: `measured`, or only a lower bound from a browser that
 * would not send at the probe's rate (Firefox) — `atLeastMinimum` when even the bound meets the point's
 * minimum, `unknown` when it does not. Checks stored before this were all measured.
 */
export const kioskCheckUploadMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('kiosk_check')
      .addColumn('up_measure', 'text', (c) => c.notNull().defaultTo('measured'))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('kiosk_check').dropColumn('up_measure').execute();
  },
};
