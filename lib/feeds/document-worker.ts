import { parentPort } from 'node:worker_threads';
import { taggerFromSpec } from '../tagging/tagger-from-spec';
import type { TaggerSpec } from '../tagging/tagger-instance';
import { prepareDocument, type DocumentInput } from './prepare-document';

/**
 * The document worker thread (started by document-preparer.ts): decodes, parses, normalises and
 * tags one feed document per message and posts the result back. It never opens the database.
 */
/** A document to prepare, or (`warm`) only the tagger to build, so the first document finds it ready. */
export type PrepareRequest = { id: number } & ({ input: DocumentInput; spec: TaggerSpec } | { warm: TaggerSpec });

export type PrepareReply =
  | { id: number; ok: true; document: import('./prepare-document').PreparedDocument | null }
  | { id: number; ok: false; message: string; name: string };

parentPort?.on('message', async (request: PrepareRequest) => {
  const { id } = request;
  let reply: PrepareReply;
  try {
    if ('warm' in request) {
      taggerFromSpec(request.warm);
      reply = { id, ok: true, document: null };
    } else reply = { id, ok: true, document: await prepareDocument(request.input, taggerFromSpec(request.spec)) };
  } catch (err) {
    // Errors cross the thread as text: the feed's lastError is all that is made of them.
    reply = { id, ok: false, message: err instanceof Error ? err.message : String(err), name: err instanceof Error ? err.name : 'Error' };
  }
  parentPort!.postMessage(reply);
});
