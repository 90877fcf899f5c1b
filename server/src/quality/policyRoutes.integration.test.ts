import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUALITY_POLICY, type QualityPolicyInput } from '@kanava/shared';
import { dialects } from '../db/testing/testDatabases.ts';
import { ApiClient } from '../http/routes/testing/apiClient.ts';
import { startTestKanava, type TestKanava } from '../http/routes/testing/testKanava.ts';

const PASSWORD = 'kanava-demo-2025';
const blocking: QualityPolicyInput = { ...DEFAULT_QUALITY_POLICY, mode: 'block' };
const strict: QualityPolicyInput = {
  mode: 'block',
  network: { minUpKbps: 500, recommendedUpKbps: 1000, minDownKbps: 500, recommendedDownKbps: 1000 },
  camera: { minWidth: 1280, minHeight: 720, minFrameRate: 25 },
};

describe.each(dialects)('quality policy API on %s', (dialect) => {
  let t: TestKanava;
  const as = async (email: string) => {
    const c = new ApiClient(t.kanava.url);
    expect(await c.signIn(email, PASSWORD)).toBe(200);
    return c;
  };
  let kelaService: string;
  let veroService: string;

  beforeAll(async () => {
    t = await startTestKanava(dialect);
    const admin = await as('admin@kanava.example');
    const providers = (await admin.request('GET', '/api/registry/providers')).json as Array<{ id: string; code: string }>;
    const servicesOf = async (code: string) => {
      const p = providers.find((x) => x.code === code);
      return (await admin.request('GET', `/api/registry/providers/${p?.id}/services`)).json as Array<{ id: string }>;
    };
    kelaService = (await servicesOf('kela'))[0]?.id ?? '';
    veroService = (await servicesOf('vero'))[0]?.id ?? '';
    expect(kelaService).not.toBe('');
    expect(veroService).not.toBe('');
  });
  afterAll(async () => {
    await t.stop();
  });

  it('lets the platform admin set the default, which services without their own inherit', async () => {
    const admin = await as('admin@kanava.example');
    expect((await admin.request('GET', '/api/quality/policy')).json).toMatchObject({ policy: DEFAULT_QUALITY_POLICY, source: 'guide' });
    const put = await admin.request('PUT', '/api/quality/policy', blocking);
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ policy: blocking, source: 'platform', updatedBy: expect.any(String) });
    const kela = await as('kela.admin@kanava.example');
    expect((await kela.request('GET', `/api/registry/services/${kelaService}/quality-policy`)).json).toMatchObject({ policy: blocking, source: 'platform' });
    // Only platform admins change the default.
    expect((await kela.request('PUT', '/api/quality/policy', DEFAULT_QUALITY_POLICY)).status).toBe(403);
  });

  it('lets a provider admin set and remove their own service’s policy, not another provider’s', async () => {
    const kela = await as('kela.admin@kanava.example');
    const put = await kela.request('PUT', `/api/registry/services/${kelaService}/quality-policy`, strict);
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ policy: strict, source: 'service' });
    expect((await kela.request('PUT', `/api/registry/services/${veroService}/quality-policy`, strict)).status).toBe(403);
    const expert = await as('mikko.expert@kanava.example');
    expect((await expert.request('GET', `/api/registry/services/${kelaService}/quality-policy`)).json).toMatchObject({ policy: strict });
    expect((await expert.request('PUT', `/api/registry/services/${kelaService}/quality-policy`, strict)).status).toBe(403);

    const audit = (await (await as('admin@kanava.example')).request('GET', `/api/registry/audit?entity=service&entityId=${kelaService}`)).json as Array<{ action: string }>;
    expect(audit.map((a) => a.action)).toContain('qualityPolicy.updated');

    const removed = await kela.request('DELETE', `/api/registry/services/${kelaService}/quality-policy`);
    expect(removed.json).toMatchObject({ source: 'platform' });
  });

  it('refuses an impossible policy with the fields named, and changes nothing', async () => {
    const admin = await as('admin@kanava.example');
    const bad = await admin.request('PUT', `/api/registry/services/${kelaService}/quality-policy`, {
      ...strict,
      mode: 'sometimes',
      network: { ...strict.network, recommendedUpKbps: 100, minDownKbps: -5 },
    });
    expect(bad.status).toBe(400);
    const message = (bad.json as { error: { message: string } }).error.message;
    expect(message).toContain('mode');
    expect(message).toContain('network.minDownKbps');
    expect((await admin.request('GET', `/api/registry/services/${kelaService}/quality-policy`)).json).toMatchObject({ source: 'platform' });
    expect((await new ApiClient(t.kanava.url).request('GET', '/api/quality/policy')).status).toBe(401);
  });
});
