import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { KanavaError, type FormField, type FormInstanceId, type FormValues, type ServiceSessionId } from '@kanava/shared';
import type { Logger } from '../logger.ts';
import type { FormInstanceRepository, StoredForm } from './FormInstanceRepository.ts';
import { formTransition, mayEdit, type FormLifecycle } from './formLifecycle.ts';
import { copyOf, readValues, sameBytes, shapeProblem } from './yjsForm.ts';

interface LiveForm {
  id: FormInstanceId;
  sessionId: ServiceSessionId;
  fields: FormField[];
  doc: Y.Doc;
  state: FormLifecycle;
  saveTimer: ReturnType<typeof setTimeout> | undefined;
}

/** What a sync message did: the reply to send back, and the update to pass on to the others. */
export interface SyncOutcome {
  reply: Uint8Array | null;
  /** A change that was taken: everyone else in the call gets it. */
  broadcast: Uint8Array | null;
}

const SAVE_AFTER_MS = 300;

/**
 * The server's copy of each open form's Yjs document. It is the meeting point of everyone
 * typing: it answers y-protocols sync messages, refuses edits that break the template or come
 * after submit, and stores the state shortly after each change, so a participant who
 * reconnects (or a restarted server) catches up from it.
 */
export class FormDocs {
  readonly #repo: FormInstanceRepository;
  readonly #log: Logger;
  readonly #live = new Map<FormInstanceId, LiveForm>();
  readonly #loading = new Map<FormInstanceId, Promise<LiveForm | undefined>>();

  constructor(repo: FormInstanceRepository, log: Logger) {
    this.#repo = repo;
    this.#log = log;
  }

  /** The form, if it belongs to this session. */
  async get(formId: FormInstanceId, sessionId: ServiceSessionId): Promise<LiveForm> {
    const live = this.#live.get(formId) ?? (await this.#load(formId));
    if (!live || live.sessionId !== sessionId) throw new KanavaError('notFound', 'no such form in this service session');
    return live;
  }

  adopt(stored: StoredForm): void {
    if (this.#live.has(stored.id)) return;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stored.ydocState);
    this.#live.set(stored.id, { id: stored.id, sessionId: stored.sessionId, fields: stored.fields, doc, state: stored.state, saveTimer: undefined });
  }

  async sync(formId: FormInstanceId, sessionId: ServiceSessionId, message: Uint8Array): Promise<SyncOutcome> {
    const form = await this.get(formId, sessionId);
    let type: number;
    let payload: Uint8Array;
    try {
      const decoder = decoding.createDecoder(message);
      type = decoding.readVarUint(decoder);
      payload = decoding.readVarUint8Array(decoder);
    } catch {
      throw new KanavaError('badRequest', 'not a Yjs sync message');
    }
    if (type === syncProtocol.messageYjsSyncStep1) {
      const encoder = encoding.createEncoder();
      syncProtocol.writeSyncStep2(encoder, form.doc, payload);
      return { reply: encoding.toUint8Array(encoder), broadcast: null };
    }
    if (type !== syncProtocol.messageYjsSyncStep2 && type !== syncProtocol.messageYjsUpdate) throw new KanavaError('badRequest', 'unknown Yjs sync message');
    return { reply: null, broadcast: this.#take(form, payload) };
  }

  #take(form: LiveForm, update: Uint8Array): Uint8Array | null {
    const candidate = copyOf(form.doc);
    const before = Y.encodeStateAsUpdate(candidate);
    try {
      Y.applyUpdate(candidate, update);
    } catch {
      throw new KanavaError('badRequest', 'the form update could not be read');
    }
    // A reconnecting client re-sends all it has; what the server already holds is no edit.
    if (sameBytes(before, Y.encodeStateAsUpdate(candidate))) return null;
    if (!mayEdit(form.state)) throw new KanavaError('invalidState', 'the form has already been submitted; it can no longer be changed');
    const problem = shapeProblem(candidate, form.fields);
    if (problem) throw new KanavaError('badRequest', problem);
    Y.applyUpdate(form.doc, update);
    this.#scheduleSave(form);
    return update;
  }

  /**
   * Freezes the form for submitting and reads its values. `finish` files them; when it
   * throws or says the values were invalid, the form goes back to editing.
   */
  async freeze<T>(formId: FormInstanceId, sessionId: ServiceSessionId, finish: (values: FormValues, state: Uint8Array) => Promise<{ submitted: boolean; result: T }>): Promise<T> {
    const form = await this.get(formId, sessionId);
    form.state = formTransition(form.state, 'submitting');
    try {
      const { submitted, result } = await finish(readValues(form.doc, form.fields), Y.encodeStateAsUpdate(form.doc));
      form.state = formTransition(form.state, submitted ? 'submitted' : 'editing');
      if (submitted && form.saveTimer) clearTimeout(form.saveTimer);
      return result;
    } catch (err) {
      form.state = formTransition(form.state, 'editing');
      throw err;
    }
  }

  /** The session ended: its forms are stored and let go from memory. */
  async sessionEnded(sessionId: ServiceSessionId): Promise<void> {
    for (const form of [...this.#live.values()]) {
      if (form.sessionId !== sessionId) continue;
      if (form.saveTimer) clearTimeout(form.saveTimer);
      if (form.state === 'editing') await this.#save(form);
      form.doc.destroy();
      this.#live.delete(form.id);
    }
  }

  async flushAll(): Promise<void> {
    for (const form of this.#live.values()) {
      if (form.saveTimer) {
        clearTimeout(form.saveTimer);
        form.saveTimer = undefined;
        await this.#save(form);
      }
    }
  }

  #scheduleSave(form: LiveForm): void {
    if (form.saveTimer) return;
    form.saveTimer = setTimeout(() => {
      form.saveTimer = undefined;
      void this.#save(form);
    }, SAVE_AFTER_MS);
  }

  async #save(form: LiveForm): Promise<void> {
    try {
      await this.#repo.saveState(form.id, Y.encodeStateAsUpdate(form.doc), new Date());
    } catch (err) {
      this.#log.error({ err, formId: form.id }, 'storing the form state failed');
    }
  }

  #load(formId: FormInstanceId): Promise<LiveForm | undefined> {
    const pending = this.#loading.get(formId);
    if (pending) return pending;
    const loading = this.#repo.get(formId).then((stored) => {
      if (!stored) return undefined;
      this.adopt(stored);
      return this.#live.get(formId);
    });
    this.#loading.set(formId, loading);
    return loading.finally(() => this.#loading.delete(formId));
  }
}
