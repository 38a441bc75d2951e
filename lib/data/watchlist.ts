import 'server-only';
import { getDb } from '../../db';
import { watchlistRows } from '../queries/watchlist-rows';
import { getGazetteerFor } from '../tagging/tagger-instance';
import { listUnmatched } from '../watchlist/manage-watchlist';

export async function fetchWatchlist() {
  const db = getDb();
  const gazetteer = getGazetteerFor(db);
  return {
    rows: watchlistRows(db),
    unmatched: listUnmatched(db),
    companyOptions: gazetteer.companies.map((c) => ({ id: c.id, name: c.name })).sort((a, b) => a.name.localeCompare(b.name)),
    countryOptions: gazetteer.countries.map((c) => ({ id: c.code, name: `${c.name} (${c.code})` })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}
