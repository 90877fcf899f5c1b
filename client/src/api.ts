import { z } from 'zod';
import { PublicServicePointSchema, type PublicServicePoint } from '@kanava/shared';

export type PointLookup = { kind: 'found'; point: PublicServicePoint } | { kind: 'notFound' } | { kind: 'failed' };

export async function fetchPoint(slug: string): Promise<PointLookup> {
  try {
    const res = await fetch(`/api/points/${encodeURIComponent(slug)}`, { headers: { accept: 'application/json' } });
    if (res.status === 404) return { kind: 'notFound' };
    if (!res.ok) return { kind: 'failed' };
    const parsed = PublicServicePointSchema.safeParse(await res.json());
    return parsed.success ? { kind: 'found', point: parsed.data } : { kind: 'failed' };
  } catch {
    return { kind: 'failed' };
  }
}

export async function fetchPoints(): Promise<PublicServicePoint[] | undefined> {
  try {
    const res = await fetch('/api/points', { headers: { accept: 'application/json' } });
    if (!res.ok) return undefined;
    const parsed = z.array(PublicServicePointSchema).safeParse(await res.json());
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
