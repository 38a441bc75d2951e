/** What the rows left out of a capped list add up to. */
export interface RowsRest {
  /** How many rows were left out. */
  rows: number;
  /** Their summed raw weight (ledgers) or 0 (changes). */
  raw: number;
  /** Their summed contribution (ledgers) or change (changes), in score points. */
  contribution: number;
}

/**
 * The first `limit` rows of a list sorted biggest first, and the sums of the others. A large
 * company's ledger has tens of thousands of rows, nearly all worth a hundredth of a point or
 * less: pages and the API show the biggest and one remainder, so the total still adds up. The
 * exposure job stores exactly this, and on-demand ledgers are capped the same way.
 */
export function capRows<T extends { raw?: number; contribution?: number; change?: number }>(rows: readonly T[], limit: number): { rows: T[]; rest: RowsRest | null } {
  if (rows.length <= limit) return { rows: [...rows], rest: null };
  const rest: RowsRest = { rows: rows.length - limit, raw: 0, contribution: 0 };
  for (let i = limit; i < rows.length; i++) {
    rest.raw += rows[i].raw ?? 0;
    rest.contribution += rows[i].contribution ?? rows[i].change ?? 0;
  }
  return { rows: rows.slice(0, limit), rest };
}

/** Rows of a company's ledger kept per kind (risk, support), by the job and by on-demand ledgers alike. */
export const LEDGER_TOP_ROWS = 100;
/** Events kept in the "biggest changes" list. */
export const CHANGES_TOP_ROWS = 50;
/** Events marked on a company's chart. */
export const CHART_MARKERS = 6;
