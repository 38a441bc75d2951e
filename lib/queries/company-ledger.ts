import { getGazetteerFor } from '../tagging/tagger-instance';
import type { Db } from '../../db';
import { presenceOf } from '../exposure/load-events';
import { horizonDays, type CompanyPresence } from '../exposure/model';
import { reachingEvents, type ReachingEvents } from '../exposure/reaching-events';
import { EVENT_TYPES } from '../tagging/rules';
import { ExposureQueryError } from './exposure-query-error';

/** No event older than this (in days) counts on any day: the longest-lived type's horizon. */
export const MAX_HORIZON = Math.max(...EVENT_TYPES.map(horizonDays));

export function presenceOfCompany(db: Db, companyId: string): CompanyPresence {
  const company = getGazetteerFor(db).companyById.get(companyId);
  if (!company) throw new ExposureQueryError(`unknown company ${JSON.stringify(companyId)}`);
  return presenceOf(company);
}

export interface CompanyEvents {
  presence: CompanyPresence;
  events: ReachingEvents;
}

/**
 * Reads the events that can reach a company and count on some day of `activeOn`, for ledgers
 * computed on demand (lib/exposure/reach-ledger.ts). Any wider read gives the same ledgers on
 * the days of the span: the events it adds count nothing on them, and the others keep their
 * order. So a page passes one that serves its ledger, breakdown and changes from a single read.
 */
export type ReadCompanyEvents = (companyId: string, activeOn: { from: string; to: string }) => CompanyEvents;

export function readCompanyEvents(db: Db): ReadCompanyEvents {
  return (companyId, activeOn) => {
    const presence = presenceOfCompany(db, companyId);
    return { presence, events: reachingEvents(db, presence, { activeOn }) };
  };
}
