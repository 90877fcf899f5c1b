import { PointSlugSchema } from '@kanava/shared';
import type { Logger } from '../logger.ts';
import type { ServicePointRepository } from './ServicePointRepository.ts';

/** Fictional service points for the embedded default, so a fresh install has rooms to open. */
const demoPoints = [
  { slug: 'kuhmo', nameFi: 'Kuhmon asiointipiste', nameSv: 'Kuhmo servicepunkt', municipality: 'Kuhmo' },
  { slug: 'suomussalmi', nameFi: 'Suomussalmen asiointipiste', nameSv: 'Suomussalmi servicepunkt', municipality: 'Suomussalmi' },
  { slug: 'kristiinankaupunki', nameFi: 'Kristiinankaupungin yhteispalvelupiste', nameSv: 'Kristinestads samservicekontor', municipality: 'Kristiinankaupunki' },
] as const;

export async function seedDemoData(points: ServicePointRepository, log: Logger, now: Date): Promise<void> {
  for (const p of demoPoints) {
    const slug = PointSlugSchema.parse(p.slug);
    if (await points.findBySlug(slug)) continue;
    await points.create({ ...p, slug }, now);
    log.info({ slug }, 'demo service point created');
  }
}
