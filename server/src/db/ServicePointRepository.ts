import {
  EquipmentSchema,
  OpeningHoursSchema,
  PointSlugSchema,
  PointStatusSchema,
  PublicServicePointSchema,
  ServicePointIdSchema,
  ServicePointRecordSchema,
  type NewPoint,
  type PointPatch,
  type PointSlug,
  type PointStatus,
  type PublicServicePoint,
  type ServicePointId,
  type ServicePointRecord,
} from '@kanava/shared';
import type { Selectable } from 'kysely';
import type { DbOrTx } from './database.ts';
import { newKioskToken } from './migrations/0002_records.ts';
import type { ServicePointTable } from './schema.ts';

type Row = Selectable<ServicePointTable>;

/** The service point registry. */
export class ServicePointRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  /** A point by its fixed link; a closed point is gone for its customers. */
  async findBySlug(slug: PointSlug): Promise<PublicServicePoint | undefined> {
    const row = await this.#db
      .selectFrom('service_point')
      .selectAll()
      .where('slug', '=', slug)
      .where('status', '!=', 'closed')
      .executeTakeFirst();
    return row ? toPublic(row) : undefined;
  }

  /** The public list of points that are not closed, by Finnish name. */
  async list(): Promise<PublicServicePoint[]> {
    const rows = await this.#db.selectFrom('service_point').selectAll().where('status', '!=', 'closed').orderBy('name_fi').execute();
    return rows.map(toPublic);
  }

  async get(id: ServicePointId): Promise<ServicePointRecord | undefined> {
    const row = await this.#db.selectFrom('service_point').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async getBySlug(slug: PointSlug): Promise<ServicePointRecord | undefined> {
    const row = await this.#db.selectFrom('service_point').selectAll().where('slug', '=', slug).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async getMany(ids: readonly ServicePointId[]): Promise<ServicePointRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.#db.selectFrom('service_point').selectAll().where('id', 'in', ids).orderBy('name_fi').execute();
    return rows.map(toRecord);
  }

  /**
   * The registry for admins. The search matches name, municipality or slug; it is done
   * here rather than with SQL LIKE because SQLite folds only ASCII case ("Ä" ≠ "ä") and
   * the registry is small (hundreds of points).
   */
  async search(query: { text?: string | undefined; status?: PointStatus | undefined }): Promise<ServicePointRecord[]> {
    let q = this.#db.selectFrom('service_point').selectAll().orderBy('name_fi');
    if (query.status) q = q.where('status', '=', query.status);
    const rows = (await q.execute()).map(toRecord);
    const needle = query.text?.trim().toLocaleLowerCase('fi');
    if (!needle) return rows;
    return rows.filter((p) =>
      [p.nameFi, p.nameSv, p.municipality, p.slug].some((s) => s.toLocaleLowerCase('fi').includes(needle)),
    );
  }

  async create(point: NewPoint, now: Date, status: PointStatus = 'draft'): Promise<ServicePointRecord> {
    const at = now.toISOString();
    const row: Row = {
      id: crypto.randomUUID(),
      slug: point.slug,
      name_fi: point.nameFi,
      name_sv: point.nameSv,
      municipality: point.municipality,
      street_address: point.streetAddress,
      postal_code: point.postalCode,
      post_office: point.postOffice,
      contact_phone: point.contactPhone,
      contact_email: point.contactEmail,
      responsible_person: point.responsiblePerson,
      opening_hours: JSON.stringify(point.openingHours),
      equipment: JSON.stringify(point.equipment),
      status,
      kiosk_token: newKioskToken(),
      created_at: at,
      updated_at: at,
    };
    await this.#db.insertInto('service_point').values(row).execute();
    return toRecord(row);
  }

  async update(id: ServicePointId, patch: PointPatch, now: Date): Promise<ServicePointRecord | undefined> {
    await this.#db
      .updateTable('service_point')
      .set({
        ...(patch.nameFi !== undefined && { name_fi: patch.nameFi }),
        ...(patch.nameSv !== undefined && { name_sv: patch.nameSv }),
        ...(patch.municipality !== undefined && { municipality: patch.municipality }),
        ...(patch.streetAddress !== undefined && { street_address: patch.streetAddress }),
        ...(patch.postalCode !== undefined && { postal_code: patch.postalCode }),
        ...(patch.postOffice !== undefined && { post_office: patch.postOffice }),
        ...(patch.contactPhone !== undefined && { contact_phone: patch.contactPhone }),
        ...(patch.contactEmail !== undefined && { contact_email: patch.contactEmail }),
        ...(patch.responsiblePerson !== undefined && { responsible_person: patch.responsiblePerson }),
        ...(patch.openingHours !== undefined && { opening_hours: JSON.stringify(patch.openingHours) }),
        ...(patch.equipment !== undefined && { equipment: JSON.stringify(patch.equipment) }),
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .execute();
    return this.get(id);
  }

  /** Changes the status only if it still is `from`: two admins cannot both move it. */
  async setStatus(id: ServicePointId, from: PointStatus, to: PointStatus, now: Date): Promise<boolean> {
    const result = await this.#db
      .updateTable('service_point')
      .set({ status: to, updated_at: now.toISOString() })
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** A new kiosk token makes the old link stop working (a lost or replaced kiosk PC). */
  async rotateKioskToken(id: ServicePointId, now: Date): Promise<void> {
    await this.#db
      .updateTable('service_point')
      .set({ kiosk_token: newKioskToken(), updated_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
  }
}

function toPublic(row: Row): PublicServicePoint {
  return PublicServicePointSchema.parse({
    id: ServicePointIdSchema.parse(row.id),
    slug: PointSlugSchema.parse(row.slug),
    nameFi: row.name_fi,
    nameSv: row.name_sv,
    municipality: row.municipality,
  });
}

export function toRecord(row: Row): ServicePointRecord {
  return ServicePointRecordSchema.parse({
    id: row.id,
    slug: row.slug,
    nameFi: row.name_fi,
    nameSv: row.name_sv,
    municipality: row.municipality,
    streetAddress: row.street_address,
    postalCode: row.postal_code,
    postOffice: row.post_office,
    contactPhone: row.contact_phone,
    contactEmail: row.contact_email,
    responsiblePerson: row.responsible_person,
    openingHours: OpeningHoursSchema.parse(JSON.parse(row.opening_hours)),
    equipment: EquipmentSchema.parse(JSON.parse(row.equipment)),
    status: PointStatusSchema.parse(row.status),
    kioskToken: row.kiosk_token,
    createdAt: row.created_at,
    updatedAt: row.updated_at || row.created_at,
  });
}
