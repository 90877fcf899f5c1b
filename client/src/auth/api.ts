import type { z } from 'zod';
import { ApiErrorBodySchema, type FieldError } from '@kanava/shared';

/** What a call to Kanava's API gives: the parsed data, or the error with its failing fields. */
export type ApiResult<T> =
  | { ok: true; data: T }
  | { ok: false; status: number; code: string; message: string; fields: FieldError[] };

const failed = (status: number, code: string, message: string, fields: FieldError[] = []) =>
  ({ ok: false, status, code, message, fields }) as const;

/**
 * JSON over fetch with the session cookie. Every answer is parsed with its schema: the
 * client trusts the server's shape no more than the server trusts the client's.
 */
export async function api<S extends z.ZodType>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  schema: S,
  body?: unknown,
  contentType = 'application/json',
): Promise<ApiResult<z.output<S>>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(method === 'GET' ? {} : { 'content-type': contentType }) },
      ...(method === 'GET' ? {} : { body: body instanceof Blob ? body : JSON.stringify(body ?? {}) }),
    });
  } catch {
    return failed(0, 'network', 'network');
  }
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    return failed(res.status, 'internal', 'not JSON');
  }
  if (!res.ok) {
    const err = ApiErrorBodySchema.safeParse(json);
    return err.success
      ? failed(res.status, err.data.error.code, err.data.error.message, err.data.error.fields ?? [])
      : failed(res.status, 'internal', `HTTP ${res.status}`);
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, data: parsed.data } : failed(res.status, 'internal', 'unexpected answer');
}
