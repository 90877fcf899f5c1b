/** A tiny HTTP client for the API tests: JSON in and out, one session cookie per client. */
export class ApiClient {
  readonly #base: string;
  #cookie: string | undefined;

  constructor(base: string) {
    this.#base = base;
  }

  get signedIn(): boolean {
    return this.#cookie !== undefined;
  }

  async request(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; json: unknown; headers: Headers }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.#cookie) headers.cookie = this.#cookie;
    if (method !== 'GET') headers['content-type'] = contentType;
    const res = await fetch(`${this.#base}${path}`, {
      method,
      headers,
      redirect: 'manual',
      ...(method === 'GET' ? {} : { body: Buffer.isBuffer(body) ? body : JSON.stringify(body ?? {}) }),
    });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('kanava_session='));
    if (setCookie) {
      const value = setCookie.split(';')[0] ?? '';
      this.#cookie = value === 'kanava_session=' ? undefined : value;
    }
    const text = await res.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: res.status, json, headers: res.headers };
  }

  async signIn(email: string, password: string): Promise<number> {
    return (await this.request('POST', '/api/auth/sign-in', { email, password })).status;
  }
}
