import {
  PointSlugSchema,
  PublicServicePointSchema,
  ServicePointIdSchema,
  type PointSlug,
  type PublicServicePoint,
} from '@kanava/shared';
import type { Db } from './database.ts';
import type { ServicePointTable } from './schema.ts';

export interface NewServicePoint {
  slug: PointSlug;
  nameFi: string;
  nameSv: string;
  municipality: string;
}

export class ServicePointRepository {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async findBySlug(slug: PointSlug): Promise<PublicServicePoint | undefined> {
    const row = await this.#db.selectFrom('service_point').selectAll().where('slug', '=', slug).executeTakeFirst();
    return row ? toPublic(row) : undefined;
  }

  async list(): Promise<PublicServicePoint[]> {
    const rows = await this.#db.selectFrom('service_point').selectAll().orderBy('name_fi').execute();
    return rows.map(toPublic);
  }

  async create(point: NewServicePoint, now: Date): Promise<PublicServicePoint> {
    const row: ServicePointTable = {
      id: crypto.randomUUID(),
      slug: point.slug,
      name_fi: point.nameFi,
      name_sv: point.nameSv,
      municipality: point.municipality,
      created_at: now.toISOString(),
    };
    await this.#db.insertInto('service_point').values(row).execute();
    return toPublic(row);
  }
}

function toPublic(row: ServicePointTable): PublicServicePoint {
  return PublicServicePointSchema.parse({
    id: ServicePointIdSchema.parse(row.id),
    slug: PointSlugSchema.parse(row.slug),
    nameFi: row.name_fi,
    nameSv: row.name_sv,
    municipality: row.municipality,
  });
}
