import { z } from 'zod';
import {
  AccountSchema,
  AgreementSchema,
  AuditEntrySchema,
  ChecklistStepSchema,
  KioskCheckSchema,
  PointServiceSchema,
  ProviderSchema,
  PublicServicePointSchema,
  ServiceCardSchema,
  ServicePointRecordSchema,
  ServiceSchema,
} from '@kanava/shared';
import { api } from '../../auth/api.ts';

/** The records API as the admin screens use it; every answer parsed with the shared schemas. */
const R = '/api/registry';
const e = encodeURIComponent;

export const recordsApi = {
  points: (q = '', status = '') =>
    api('GET', `${R}/points?${new URLSearchParams({ ...(q ? { q } : {}), ...(status ? { status } : {}) })}`, z.array(ServicePointRecordSchema)),
  point: (id: string) => api('GET', `${R}/points/${e(id)}`, ServicePointRecordSchema),
  createPoint: (body: unknown) => api('POST', `${R}/points`, ServicePointRecordSchema, body),
  updatePoint: (id: string, body: unknown) => api('PATCH', `${R}/points/${e(id)}`, ServicePointRecordSchema, body),
  closePoint: (id: string) => api('POST', `${R}/points/${e(id)}/close`, ServicePointRecordSchema),
  rotateKiosk: (id: string) => api('POST', `${R}/points/${e(id)}/kiosk-token`, ServicePointRecordSchema),
  pointServices: (id: string) => api('GET', `${R}/points/${e(id)}/services`, z.array(PointServiceSchema)),
  checklist: (id: string) => api('GET', `${R}/points/${e(id)}/checklist`, z.array(ChecklistStepSchema)),
  kioskCheck: (id: string) => api('GET', `${R}/points/${e(id)}/kiosk-check`, KioskCheckSchema.nullable()),
  completeStep: (id: string, body: unknown) => api('POST', `${R}/points/${e(id)}/checklist`, z.array(ChecklistStepSchema), body),
  providers: () => api('GET', `${R}/providers`, z.array(ProviderSchema)),
  createProvider: (body: unknown) => api('POST', `${R}/providers`, ProviderSchema, body),
  updateProvider: (id: string, body: unknown) => api('PATCH', `${R}/providers/${e(id)}`, ProviderSchema, body),
  services: (providerId: string) => api('GET', `${R}/providers/${e(providerId)}/services`, z.array(ServiceSchema)),
  createService: (providerId: string, body: unknown) => api('POST', `${R}/providers/${e(providerId)}/services`, ServiceSchema, body),
  updateService: (id: string, body: unknown) => api('PATCH', `${R}/services/${e(id)}`, ServiceSchema, body),
  providerAccounts: (providerId: string) => api('GET', `${R}/providers/${e(providerId)}/accounts`, z.array(AccountSchema)),
  card: (serviceId: string) => api('GET', `${R}/services/${e(serviceId)}/card`, ServiceCardSchema),
  saveCardText: (serviceId: string, text: string) => api('PUT', `${R}/services/${e(serviceId)}/card`, ServiceCardSchema, { text }),
  uploadCardPdf: (serviceId: string, file: File) =>
    api('PUT', `${R}/services/${e(serviceId)}/card/pdf?name=${e(file.name)}`, ServiceCardSchema, file, 'application/pdf'),
  cardPdfUrl: (serviceId: string) => `${R}/services/${e(serviceId)}/card/pdf`,
  agreements: () => api('GET', `${R}/agreements`, z.array(AgreementSchema)),
  createAgreement: (body: unknown) => api('POST', `${R}/agreements`, AgreementSchema, body),
  updateAgreement: (id: string, body: unknown) => api('PATCH', `${R}/agreements/${e(id)}`, AgreementSchema, body),
  accounts: () => api('GET', `${R}/accounts`, z.array(AccountSchema)),
  createAccount: (body: unknown) => api('POST', `${R}/accounts`, AccountSchema, body),
  updateAccount: (id: string, body: unknown) => api('PATCH', `${R}/accounts/${e(id)}`, AccountSchema, body),
  setPassword: (id: string, password: string) => api('POST', `${R}/accounts/${e(id)}/password`, z.undefined(), { password }),
  unlock: (id: string) => api('POST', `${R}/accounts/${e(id)}/unlock`, AccountSchema),
  audit: () => api('GET', `${R}/audit?limit=200`, z.array(AuditEntrySchema)),
  myPoints: () => api('GET', '/api/my/points', z.array(PublicServicePointSchema)),
};
