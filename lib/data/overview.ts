import 'server-only';
import { getDb } from '../../db';
import { countItemsPerMonth, countTotals } from '../queries/list-items';

export async function fetchTotals() {
  return countTotals(getDb());
}

export async function fetchItemsPerMonth() {
  return countItemsPerMonth(getDb());
}
