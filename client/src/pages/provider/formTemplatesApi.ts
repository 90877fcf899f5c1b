import { z } from 'zod';
import { FormTemplateSchema } from '@kanava/shared';
import { api } from '../../auth/api.ts';

const e = encodeURIComponent;

/** The form-template API as the provider admin's screen uses it; answers parsed with the shared schemas. */
export const formTemplatesApi = {
  list: (serviceId: string) => api('GET', `/api/registry/services/${e(serviceId)}/form-templates`, z.array(FormTemplateSchema)),
  create: (serviceId: string, body: unknown) => api('POST', `/api/registry/services/${e(serviceId)}/form-templates`, FormTemplateSchema, body),
  update: (id: string, body: unknown) => api('PUT', `/api/registry/form-templates/${e(id)}`, FormTemplateSchema, body),
  uploadPdf: (id: string, file: File) => api('PUT', `/api/registry/form-templates/${e(id)}/pdf?name=${e(file.name)}`, FormTemplateSchema, file, 'application/pdf'),
  removePdf: (id: string) => api('DELETE', `/api/registry/form-templates/${e(id)}/pdf`, FormTemplateSchema),
};
