import { getGazetteerFor } from '../tagging/tagger-instance';
import type { Db } from '../../db';
import { dayIndex, dayString } from '../exposure/days';
import { ledgerFor, type Ledger } from '../exposure/ledger';
import { loadEvents, presenceOf } from '../exposure/load-events';
import { horizonDays, type CompanyPresence } from '../exposure/model';
import { EVENT_TYPES } from '../tagging/rules';
import { ExposureQueryError } from './company-exposure';

/** No event older than this (in days) counts on any day: the longest-lived type's horizon. */
export const MAX_HORIZON = Math.max(...EVENT_TYPES.map(horizonDays));

export function presenceOfCompany(db: Db, companyId: string): CompanyPresence {
  const company = getGazetteerFor(db).companyById.get(companyId);
  if (!company) throw new ExposureQueryError(`unknown company ${JSON.stringify(companyId)}`);
  return presenceOf(company);
}

/**
 * A company's full ledgers on several days, from one read of the events that can reach it and
 * count on some day between the earliest and the latest (each type within its own horizon).
 */
export function ledgersOn(db: Db, params: { companyId: string; days: string[] }): Map<string, Ledger> {
  const presence = presenceOfCompany(db, params.companyId);
  const indexes = params.days.map(dayIndex);
  const first = Math.min(...indexes);
  const last = Math.max(...indexes);
  const events = loadEvents(db, { company: presence, activeOn: { from: dayString(first), to: dayString(last) } });
  return new Map(params.days.map((day, i) => [day, ledgerFor(presence, events, indexes[i])]));
}
