import { parentPort, workerData } from 'node:worker_threads';
import type { Gazetteer } from '../tagging/gazetteer';
import { taggerFromSpec } from '../tagging/tagger-from-spec';
import type { TaggerSpec } from '../tagging/tagger-instance';
import { prepareDocument, type DocumentInput } from './prepare-document';

/**
 * The document worker thread (started by document-preparer.ts): decodes, parses, normalises and
 * tags one feed document per message and posts the result back. It never opens the database, and
 * never reads the gazetteer files: it is handed the gazetteer the main thread loaded and validated.
 */
export interface DocumentWorkerData {
  file: string;
  gazetteer: Gazetteer;
}

export interface PrepareRequest {
  id: number;
  input: DocumentInput;
  spec: TaggerSpec;
}

export type PrepareReply =
  | { id: number; ok: true; document: import('./prepare-document').PreparedDocument }
  | { id: number; ok: false; message: string; name: string };

const { gazetteer } = workerData as DocumentWorkerData;

parentPort?.on('message', async ({ id, input, spec }: PrepareRequest) => {
  let reply: PrepareReply;
  try {
    reply = { id, ok: true, document: await prepareDocument(input, taggerFromSpec(gazetteer, spec)) };
  } catch (err) {
    // Errors cross the thread as text: the feed's lastError is all that is made of them.
    reply = { id, ok: false, message: err instanceof Error ? err.message : String(err), name: err instanceof Error ? err.name : 'Error' };
  }
  parentPort!.postMessage(reply);
});
