import { z } from 'zod';
import {
  ClassificationSchema,
  ServiceCardSchema,
  ServiceSchema,
  type NewServiceSchema,
  type ProviderId,
  type Service,
  type ServiceCard,
  type ServiceId,
  type ServicePatchSchema,
  type StaffUserId,
} from '@kanava/shared';
import type { Selectable } from 'kysely';
import type { DbOrTx } from './database.ts';
import type { ServiceTable } from './schema.ts';

export type NewService = z.infer<typeof NewServiceSchema>;
export type ServicePatch = z.infer<typeof ServicePatchSchema>;

const Classifications = z.array(ClassificationSchema);

/** A provider's services, their classifications and service cards. */
export class ServiceRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  #select() {
    return this.#db
      .selectFrom('service')
      .leftJoin('service_card', 'service_card.service_id', 'service.id')
      .selectAll('service')
      .select('service_card.kind as card_kind');
  }

  async listByProvider(providerId: ProviderId): Promise<Service[]> {
    const rows = await this.#select().where('service.provider_id', '=', providerId).orderBy('service.name_fi').execute();
    return rows.map(toService);
  }

  async get(id: ServiceId): Promise<Service | undefined> {
    const row = await this.#select().where('service.id', '=', id).executeTakeFirst();
    return row ? toService(row) : undefined;
  }

  async getMany(ids: readonly ServiceId[]): Promise<Service[]> {
    if (ids.length === 0) return [];
    const rows = await this.#select().where('service.id', 'in', ids).orderBy('service.name_fi').execute();
    return rows.map(toService);
  }

  async create(providerId: ProviderId, s: NewService, now: Date): Promise<Service> {
    const at = now.toISOString();
    const row: ServiceTable = {
      id: crypto.randomUUID(),
      provider_id: providerId,
      code: s.code,
      name_fi: s.nameFi,
      name_sv: s.nameSv,
      name_en: s.nameEn,
      classifications: JSON.stringify(s.classifications),
      created_at: at,
      updated_at: at,
    };
    await this.#db.insertInto('service').values(row).execute();
    return toService({ ...row, card_kind: null });
  }

  async update(id: ServiceId, patch: ServicePatch, now: Date): Promise<Service | undefined> {
    await this.#db
      .updateTable('service')
      .set({
        ...(patch.nameFi !== undefined && { name_fi: patch.nameFi }),
        ...(patch.nameSv !== undefined && { name_sv: patch.nameSv }),
        ...(patch.nameEn !== undefined && { name_en: patch.nameEn }),
        ...(patch.classifications !== undefined && { classifications: JSON.stringify(patch.classifications) }),
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .execute();
    return this.get(id);
  }

  async card(id: ServiceId): Promise<ServiceCard> {
    const row = await this.#db
      .selectFrom('service_card')
      .select(['kind', 'text_body', 'file_name', 'size', 'updated_at'])
      .where('service_id', '=', id)
      .executeTakeFirst();
    if (!row) return { kind: 'none' };
    return ServiceCardSchema.parse(
      row.kind === 'text'
        ? { kind: 'text', text: row.text_body ?? '', updatedAt: row.updated_at }
        : { kind: 'pdf', fileName: row.file_name ?? 'service-card.pdf', size: row.size, updatedAt: row.updated_at },
    );
  }

  async cardPdf(id: ServiceId): Promise<{ fileName: string; bytes: Buffer } | undefined> {
    const row = await this.#db
      .selectFrom('service_card')
      .select(['pdf_base64', 'file_name'])
      .where('service_id', '=', id)
      .where('kind', '=', 'pdf')
      .executeTakeFirst();
    if (!row?.pdf_base64) return undefined;
    return { fileName: row.file_name ?? 'service-card.pdf', bytes: Buffer.from(row.pdf_base64, 'base64') };
  }

  /** Replaces the card (one card per service: the newest instructions are the ones that count). */
  async setCard(
    id: ServiceId,
    card: { kind: 'text'; text: string } | { kind: 'pdf'; fileName: string; bytes: Buffer },
    by: StaffUserId | null,
    now: Date,
  ): Promise<void> {
    const values = {
      service_id: id,
      kind: card.kind,
      text_body: card.kind === 'text' ? card.text : null,
      pdf_base64: card.kind === 'pdf' ? card.bytes.toString('base64') : null,
      file_name: card.kind === 'pdf' ? card.fileName : null,
      size: card.kind === 'pdf' ? card.bytes.length : Buffer.byteLength(card.text),
      updated_at: now.toISOString(),
      updated_by: by,
    };
    await this.#db
      .insertInto('service_card')
      .values(values)
      .onConflict((oc) => oc.column('service_id').doUpdateSet({ ...values }))
      .execute();
  }
}

function toService(row: Selectable<ServiceTable> & { card_kind: string | null }): Service {
  return ServiceSchema.parse({
    id: row.id,
    providerId: row.provider_id,
    code: row.code,
    nameFi: row.name_fi,
    nameSv: row.name_sv,
    nameEn: row.name_en,
    classifications: Classifications.parse(JSON.parse(row.classifications)),
    card: row.card_kind ?? 'none',
  });
}
