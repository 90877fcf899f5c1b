import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { Socket } from 'socket.io-client';
import { formDoc } from '@kanava/shared';
import { ok, request } from '../../signalling/testing.ts';

/** A test participant's copy of a form: a Y.Doc kept in sync over the real socket like the browser's. */
export class YjsPeer {
  readonly doc = new Y.Doc();
  socket: Socket;
  readonly formId: string;
  /** Errors the server answered to this peer's edits. */
  readonly refused: string[] = [];
  #off: () => void = () => undefined;
  /** Offline: edits stay in the local document (as in a browser whose connection dropped) until `connect`. */
  #offline = false;

  constructor(socket: Socket, formId: string) {
    this.socket = socket;
    this.formId = formId;
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this || this.#offline) return;
      const encoder = encoding.createEncoder();
      syncProtocol.writeUpdate(encoder, update);
      void request(this.socket, 'form.sync', { formId, message: encoding.toUint8Array(encoder) }).then((res) => {
        if (!res.ok) this.refused.push(res.error.code);
      });
    });
  }

  /** Listens to the others' edits and catches up with the server (step 1), then hands over all it has. */
  async connect(socket: Socket = this.socket): Promise<void> {
    this.#off();
    this.#offline = false;
    this.socket = socket;
    const onUpdate = (e: { formId: string; update: Uint8Array }) => {
      if (e.formId === this.formId) Y.applyUpdate(this.doc, new Uint8Array(e.update), this);
    };
    socket.on('formUpdated', onUpdate);
    this.#off = () => socket.off('formUpdated', onUpdate);
    const step1 = encoding.createEncoder();
    syncProtocol.writeSyncStep1(step1, this.doc);
    const { reply } = await ok(socket, 'form.sync', { formId: this.formId, message: encoding.toUint8Array(step1) });
    if (reply instanceof Uint8Array) {
      const decoder = decoding.createDecoder(reply);
      syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), this.doc, this);
    }
    const mine = encoding.createEncoder();
    syncProtocol.writeUpdate(mine, Y.encodeStateAsUpdate(this.doc));
    await ok(socket, 'form.sync', { formId: this.formId, message: encoding.toUint8Array(mine) });
  }

  disconnectListener(): void {
    this.#off();
  }

  /** The connection is gone: stop listening and keep further edits local until `connect` hands them over. */
  goOffline(): void {
    this.#off();
    this.#offline = true;
  }

  text(fieldId: string): Y.Text {
    return this.doc.getText(formDoc.textKey(fieldId));
  }

  choices(): Y.Map<unknown> {
    return this.doc.getMap(formDoc.choicesKey);
  }
}
