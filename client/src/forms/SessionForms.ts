import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { KanavaError, type FormFieldError, type FormInstanceId, type FormInstanceView, type FormTemplateChoice, type FormTemplateId } from '@kanava/shared';
import type { SignallingClient } from '../call/SignallingClient.ts';
import { MaterialStore, type SessionWatch } from '../documents/MaterialStore.ts';

/** Someone else's cursor: which field they are in. */
export interface Typist {
  clientId: number;
  name: string;
  fieldId: string;
}

export interface FormsSnapshot {
  forms: FormInstanceView[];
  /** Field errors of the last submit attempt, per form. */
  errors: Record<string, FormFieldError[]>;
  /** Who else is typing where, per form. */
  typists: Record<string, Typist[]>;
  /** The server refused an edit (e.g. the form was already submitted): said once, plainly. */
  refused: 'submitted' | 'invalid' | undefined;
}

interface LiveForm {
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  off: () => void;
}

const REMOTE = 'remote';

/**
 * The forms of the current service session on this device. Each is a Yjs document kept in
 * step with the server's copy over the socket (y-protocols sync and awareness); typing goes
 * out as updates, the others' updates come in as events. The documents survive a dropped
 * connection: what was typed meanwhile is handed over when the call comes back, and merges.
 */
export class SessionForms extends MaterialStore<FormsSnapshot> {
  readonly #signalling: SignallingClient;
  readonly #me: () => { name: string };
  readonly #live = new Map<FormInstanceId, LiveForm>();

  constructor(signalling: SignallingClient, watch: SessionWatch, me: () => { name: string }) {
    super({ forms: [], errors: {}, typists: {}, refused: undefined }, watch);
    this.#signalling = signalling;
    this.#me = me;
    this.listen(
      signalling.on('formOpened', ({ form }) => void this.#adopt(form)),
      signalling.on('formUpdated', ({ formId, update }) => {
        const live = this.#live.get(formId);
        if (live) Y.applyUpdate(live.doc, update, REMOTE);
      }),
      signalling.on('formAwareness', ({ formId, update }) => {
        const live = this.#live.get(formId);
        if (live) awarenessProtocol.applyAwarenessUpdate(live.awareness, update, REMOTE);
      }),
      signalling.on('formSubmitted', ({ form }) => this.#replace(form)),
    );
  }

  docOf(formId: FormInstanceId): Y.Doc | undefined {
    return this.#live.get(formId)?.doc;
  }

  /** Tells the others which field this device is typing in (undefined: none). */
  focus(formId: FormInstanceId, fieldId: string | undefined): void {
    this.#live.get(formId)?.awareness.setLocalStateField('field', fieldId ?? null);
  }

  templates(): Promise<FormTemplateChoice[]> {
    return this.#signalling.request('form.templates', {}).then((r) => r.templates);
  }

  async open(templateId: FormTemplateId): Promise<void> {
    await this.#adopt(await this.#signalling.request('form.open', { templateId }));
  }

  /** Files the matter; field errors come back into the snapshot. */
  async submit(formId: FormInstanceId): Promise<'submitted' | 'invalid'> {
    const result = await this.#signalling.request('form.submit', { formId });
    if (result.outcome === 'invalid') {
      this.update({ errors: { ...this.snapshot.errors, [formId]: result.errors } });
      return 'invalid';
    }
    this.update({ errors: { ...this.snapshot.errors, [formId]: [] } });
    this.#replace(result.form);
    return 'submitted';
  }

  clearRefusal(): void {
    this.update({ refused: undefined });
  }

  protected override async load(): Promise<void> {
    const { forms } = await this.#signalling.request('form.list', {});
    for (const form of forms) await this.#adopt(form);
  }

  protected override clear(): void {
    for (const live of this.#live.values()) live.off();
    this.#live.clear();
    this.update({ forms: [], errors: {}, typists: {}, refused: undefined });
  }

  #replace(form: FormInstanceView): void {
    const exists = this.snapshot.forms.some((f) => f.formId === form.formId);
    this.update({ forms: exists ? this.snapshot.forms.map((f) => (f.formId === form.formId ? form : f)) : [...this.snapshot.forms, form] });
  }

  /** Keeps the form's document (creating it the first time) and brings it in step with the server's. */
  async #adopt(form: FormInstanceView): Promise<void> {
    this.#replace(form);
    const live = this.#live.get(form.formId) ?? this.#create(form.formId);
    const step1 = encoding.createEncoder();
    syncProtocol.writeSyncStep1(step1, live.doc);
    const { reply } = await this.#signalling.request('form.sync', { formId: form.formId, message: encoding.toUint8Array(step1) });
    if (reply) syncProtocol.readSyncMessage(decoding.createDecoder(reply), encoding.createEncoder(), live.doc, REMOTE);
    if (form.state === 'editing') {
      // Whatever this device typed while the connection was down goes to the server now (the rest it already has).
      this.#send(form.formId, Y.encodeStateAsUpdate(live.doc));
    }
    live.awareness.setLocalStateField('name', this.#me().name);
  }

  #create(formId: FormInstanceId): LiveForm {
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ name: this.#me().name, field: null });
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) this.#send(formId, update);
    };
    const onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin !== REMOTE) {
        const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [...added, ...updated, ...removed]);
        this.#signalling.request('form.awareness', { formId, update }).catch(() => undefined);
      }
      this.#typistsChanged(formId, awareness);
    };
    doc.on('update', onUpdate);
    awareness.on('update', onAwareness);
    const live: LiveForm = {
      doc,
      awareness,
      off: () => {
        awareness.setLocalState(null);
        awareness.destroy();
        doc.off('update', onUpdate);
        doc.destroy();
      },
    };
    this.#live.set(formId, live);
    return live;
  }

  #send(formId: FormInstanceId, update: Uint8Array): void {
    const encoder = encoding.createEncoder();
    syncProtocol.writeUpdate(encoder, update);
    this.#signalling.request('form.sync', { formId, message: encoding.toUint8Array(encoder) }).catch((err: unknown) => {
      // A dropped connection is not a refusal: what was typed is handed over again on return.
      if (!(err instanceof KanavaError)) return;
      if (err.code === 'invalidState') this.update({ refused: 'submitted' });
      else if (err.code === 'badRequest') this.update({ refused: 'invalid' });
    });
  }

  #typistsChanged(formId: FormInstanceId, awareness: awarenessProtocol.Awareness): void {
    const typists: Typist[] = [];
    for (const [clientId, state] of awareness.getStates()) {
      if (clientId === awareness.clientID) continue;
      const field: unknown = state['field'];
      const name: unknown = state['name'];
      if (typeof field === 'string' && typeof name === 'string') typists.push({ clientId, name, fieldId: field });
    }
    this.update({ typists: { ...this.snapshot.typists, [formId]: typists } });
  }
}
