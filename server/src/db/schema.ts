import type { Generated } from 'kysely';

/** Table shapes as stored. Times are UTC instants in ISO 8601 text, the same on SQLite and PostgreSQL. */
export interface ServicePointTable {
  id: string;
  slug: string;
  name_fi: string;
  name_sv: string;
  municipality: string;
  created_at: string;
}

export interface Database {
  service_point: ServicePointTable;
}

export type { Generated };
