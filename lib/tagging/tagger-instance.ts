import type { Db } from '../../db';
import { customCompaniesFingerprint, loadCustomCompanies } from './custom-companies';
import { withExtraCompanies } from './extend-gazetteer';
import { getGazetteer, type Company, type Gazetteer } from './gazetteer';
import { Tagger } from './tag-text';

let cached: Tagger | undefined;

/** The tagger of the bundled gazetteer alone (the database-free `tag` command): built once per process. */
export function getTagger(): Tagger {
  cached ??= new Tagger(getGazetteer());
  return cached;
}

// Per database connection: the gazetteer with the companies analysts added, rebuilt when they change
// (another process, such as the dashboard, may add one while the worker runs).
const perDb = new WeakMap<object, { fingerprint: string; custom: Company[]; gazetteer: Gazetteer; tagger?: Tagger }>();

export function getGazetteerFor(db: Db): Gazetteer {
  return entryFor(db).gazetteer;
}

/** The tagger for items stored in this database: the bundled gazetteer plus its custom companies. */
export function getTaggerFor(db: Db): Tagger {
  const entry = entryFor(db);
  if (!entry.tagger) entry.tagger = entry.fingerprint ? new Tagger(entry.gazetteer) : getTagger();
  return entry.tagger;
}

function entryFor(db: Db) {
  const fingerprint = customCompaniesFingerprint(db);
  let entry = perDb.get(db.$client);
  if (!entry || entry.fingerprint !== fingerprint) {
    const custom = fingerprint ? loadCustomCompanies(db) : [];
    const gazetteer = fingerprint ? withExtraCompanies(getGazetteer(), custom, fingerprint) : getGazetteer();
    perDb.set(db.$client, (entry = { fingerprint, custom, gazetteer }));
  }
  return entry;
}

/** What another thread needs to build this database's tagger without opening the database. */
export interface TaggerSpec {
  fingerprint: string;
  custom: Company[];
}

export function taggerSpecFor(db: Db): TaggerSpec {
  const { fingerprint, custom } = entryFor(db);
  return { fingerprint, custom };
}
