import { withExtraCompanies } from './extend-gazetteer';
import type { Gazetteer } from './gazetteer';
import { Tagger } from './tag-text';
import type { TaggerSpec } from './tagger-instance';

let cached: { fingerprint: string; tagger: Tagger } | undefined;

/**
 * The tagger a database's spec describes, for a thread that has no database connection (the
 * document worker), over the bundled gazetteer `base` that the thread was given. Built once and
 * rebuilt only when the custom companies change.
 */
export function taggerFromSpec(base: Gazetteer, spec: TaggerSpec): Tagger {
  if (cached?.fingerprint !== spec.fingerprint) {
    const gazetteer = spec.fingerprint ? withExtraCompanies(base, spec.custom, spec.fingerprint) : base;
    cached = { fingerprint: spec.fingerprint, tagger: new Tagger(gazetteer) };
  }
  return cached.tagger;
}
