import { getGazetteer } from './gazetteer';
import { Tagger } from './tag-text';

let cached: Tagger | undefined;

/** The tagger of this process: the automata are built once from the gazetteer files. */
export function getTagger(): Tagger {
  cached ??= new Tagger(getGazetteer());
  return cached;
}
