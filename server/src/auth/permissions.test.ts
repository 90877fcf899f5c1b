import { describe, expect, it } from 'vitest';
import { ProviderIdSchema, ServicePointIdSchema, StaffUserIdSchema, type StaffUser } from '@kanava/shared';
import { canGrant, canManageProvider, canReadProvider } from './permissions.ts';

const kela = ProviderIdSchema.parse('kela');
const vero = ProviderIdSchema.parse('vero');
const kuhmo = ServicePointIdSchema.parse('kuhmo');
const user = (roles: StaffUser['roles']): StaffUser => ({ id: StaffUserIdSchema.parse('u'), displayName: 'U', email: 'u@x.example', roles });

describe('permissions', () => {
  it('lets a provider admin manage only their own provider, and its experts only read it', () => {
    const kelaAdmin = user([{ kind: 'providerAdmin', providerId: kela }]);
    const kelaExpert = user([{ kind: 'expert', providerId: kela }]);
    expect(canManageProvider(kelaAdmin, kela)).toBe(true);
    expect(canManageProvider(kelaAdmin, vero)).toBe(false);
    expect(canManageProvider(kelaExpert, kela)).toBe(false);
    expect(canReadProvider(kelaExpert, kela)).toBe(true);
    expect(canReadProvider(kelaExpert, vero)).toBe(false);
  });

  it('lets a provider admin grant only expert and admin roles of their own provider', () => {
    const kelaAdmin = user([{ kind: 'providerAdmin', providerId: kela }]);
    expect(canGrant(kelaAdmin, { kind: 'expert', providerId: kela })).toBe(true);
    expect(canGrant(kelaAdmin, { kind: 'expert', providerId: vero })).toBe(false);
    expect(canGrant(kelaAdmin, { kind: 'advisor', pointId: kuhmo })).toBe(false);
    expect(canGrant(kelaAdmin, { kind: 'platformAdmin' })).toBe(false);
    expect(canGrant(user([{ kind: 'platformAdmin' }]), { kind: 'platformAdmin' })).toBe(true);
  });
});
