import { getGazetteer, withExtraCompanies } from './gazetteer';
import { Tagger } from './tag-text';
import type { TaggerSpec } from './tagger-instance';

let cached: { fingerprint: string; tagger: Tagger } | undefined;

/**
 * The tagger a database's spec describes, for a thread that has no database connection (the
 * document worker). Built once and rebuilt only when the custom companies change.
 */
export function taggerFromSpec(spec: TaggerSpec): Tagger {
  if (cached?.fingerprint !== spec.fingerprint) {
    const gazetteer = spec.fingerprint ? withExtraCompanies(getGazetteer(), spec.custom, spec.fingerprint) : getGazetteer();
    cached = { fingerprint: spec.fingerprint, tagger: new Tagger(gazetteer) };
  }
  return cached.tagger;
}
