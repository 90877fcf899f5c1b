import { ProviderSchema, type Provider, type ProviderId } from '@kanava/shared';
import type { z } from 'zod';
import type { Selectable } from 'kysely';
import type { NewProviderSchema, ProviderPatchSchema } from '@kanava/shared';
import type { DbOrTx } from './database.ts';
import type { ProviderTable } from './schema.ts';

export type NewProvider = z.infer<typeof NewProviderSchema>;
export type ProviderPatch = z.infer<typeof ProviderPatchSchema>;

/** Providers: the authorities whose services are offered at the points (Kela, Vero, …). */
export class ProviderRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  async list(): Promise<Provider[]> {
    const rows = await this.#db.selectFrom('provider').selectAll().orderBy('name_fi').execute();
    return rows.map(toProvider);
  }

  async get(id: ProviderId): Promise<Provider | undefined> {
    const row = await this.#db.selectFrom('provider').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toProvider(row) : undefined;
  }

  async getByCode(code: string): Promise<Provider | undefined> {
    const row = await this.#db.selectFrom('provider').selectAll().where('code', '=', code).executeTakeFirst();
    return row ? toProvider(row) : undefined;
  }

  async getMany(ids: readonly ProviderId[]): Promise<Provider[]> {
    if (ids.length === 0) return [];
    const rows = await this.#db.selectFrom('provider').selectAll().where('id', 'in', ids).orderBy('name_fi').execute();
    return rows.map(toProvider);
  }

  async create(p: NewProvider, now: Date): Promise<Provider> {
    const at = now.toISOString();
    const row: ProviderTable = {
      id: crypto.randomUUID(),
      code: p.code,
      name_fi: p.nameFi,
      name_sv: p.nameSv,
      name_en: p.nameEn,
      contact_email: p.contactEmail,
      created_at: at,
      updated_at: at,
    };
    await this.#db.insertInto('provider').values(row).execute();
    return toProvider(row);
  }

  async update(id: ProviderId, patch: ProviderPatch, now: Date): Promise<Provider | undefined> {
    await this.#db
      .updateTable('provider')
      .set({
        ...(patch.nameFi !== undefined && { name_fi: patch.nameFi }),
        ...(patch.nameSv !== undefined && { name_sv: patch.nameSv }),
        ...(patch.nameEn !== undefined && { name_en: patch.nameEn }),
        ...(patch.contactEmail !== undefined && { contact_email: patch.contactEmail }),
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .execute();
    return this.get(id);
  }
}

function toProvider(row: Selectable<ProviderTable>): Provider {
  return ProviderSchema.parse({
    id: row.id,
    code: row.code,
    nameFi: row.name_fi,
    nameSv: row.name_sv,
    nameEn: row.name_en,
    contactEmail: row.contact_email,
  });
}
