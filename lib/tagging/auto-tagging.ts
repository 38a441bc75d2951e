import { clusterKeysOf } from './cluster-keys';
import type { Tagger, TagInput } from './tag-text';

// No database import here: the document worker (lib/feeds/document-worker.ts) tags items off the
// main thread with these functions, and should not load the SQLite driver to do it.

/** What gets written for one item, apart from its cluster: the verdict, the tag rows and the cluster keys. */
export interface ItemTagging {
  relevant: boolean;
  relevance: number;
  eventType: string | null;
  severity: number;
  /** Automatic tag rows, one per (kind, value): [kind, value, matched text, field, offset]. */
  autoTags: (string | number)[][];
  /** Effective tags as "kind:value": the automatic ones with the analyst's corrections applied. */
  tags: Set<string>;
  keys: string[];
}

/** An analyst's corrections on one item, as ["kind:value", removed]. */
export type ManualTags = [string, boolean][];

/**
 * Tags one item. Manual corrections are applied to the effective tags, which clustering uses (an
 * analyst who adds a company makes the item cluster on it); they are stored apart and never overwritten.
 */
export function tagForStorage(tagger: Tagger, input: TagInput, manual: ManualTags): ItemTagging {
  return applyManualTags(autoTagging(tagger, input), manual);
}

/** The tagger's verdict on one item, before any analyst's corrections: pure, so it can run off the main thread. */
export function autoTagging(tagger: Tagger, input: TagInput): ItemTagging {
  const result = tagger.tag(input);
  const autoTags: (string | number)[][] = [];
  const tags = new Set<string>();
  for (const m of result.matches) {
    const key = `${m.kind}:${m.id}`;
    if (tags.has(key)) continue;
    tags.add(key);
    autoTags.push([m.kind, m.id, m.text, m.field, m.offset]);
  }
  return {
    relevant: result.relevant,
    relevance: result.relevance,
    eventType: result.relevant ? result.eventType : null,
    severity: result.severity,
    autoTags,
    tags,
    keys: clusterKeysOf(result),
  };
}

/** The effective tags once an analyst's corrections are applied; the automatic rows stay as they were. */
export function applyManualTags(tagging: ItemTagging, manual: ManualTags): ItemTagging {
  if (manual.length === 0) return tagging;
  const tags = new Set(tagging.tags);
  for (const [key, removed] of manual) {
    if (removed) tags.delete(key);
    else tags.add(key);
  }
  return { ...tagging, tags };
}
