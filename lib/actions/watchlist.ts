'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '../../db';
import { CustomCompanyError, addCustomCompany, customCompanyInput } from '../tagging/custom-companies';
import { getGazetteerFor } from '../tagging/tagger-instance';
import { SupplierCsvError } from '../watchlist/parse-supplier-csv';
import { WatchlistInputError, addToWatchlist, dismissUnmatched, importSupplierCsv, mapUnmatched, removeFromWatchlist } from '../watchlist/manage-watchlist';
import { requireRole } from './authorise';

export interface WatchlistFormState {
  ok?: string;
  error?: string;
}

const companyId = z.string().trim().min(1, 'choose a company').max(80);

function done(message: string): WatchlistFormState {
  revalidatePath('/watchlist');
  revalidatePath('/');
  return { ok: message };
}

function known(err: unknown): WatchlistFormState {
  if (err instanceof WatchlistInputError || err instanceof SupplierCsvError || err instanceof CustomCompanyError) return { error: err.message };
  throw err;
}

export async function addWatchlistCompanyAction(_prev: WatchlistFormState, form: FormData): Promise<WatchlistFormState> {
  await requireRole('analyst');
  const id = companyId.safeParse(form.get('company'));
  if (!id.success) return { error: id.error.issues[0].message };
  try {
    const added = addToWatchlist(getDb(), id.data, 'manual');
    return done(added ? `Added ${getGazetteerFor(getDb()).companyById.get(id.data)?.name}.` : 'That company is already on the watchlist.');
  } catch (err) {
    return known(err);
  }
}

export async function uploadSuppliersAction(_prev: WatchlistFormState, form: FormData): Promise<WatchlistFormState> {
  await requireRole('analyst');
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return { error: 'choose a CSV file of supplier names' };
  try {
    const result = importSupplierCsv(getDb(), Buffer.from(await file.arrayBuffer()));
    const added = result.matched.filter((m) => m.added).length;
    return done(
      `Matched ${result.matched.length} of ${result.matched.length + result.unmatched.length} suppliers (${added} new on the watchlist)` +
        (result.unmatched.length ? `; ${result.unmatched.length} unmatched, listed below to map or add` : '') +
        (result.skipped ? `; ${result.skipped} rows without a name skipped` : '') +
        '.',
    );
  } catch (err) {
    return known(err);
  }
}

export async function removeWatchlistCompanyAction(form: FormData): Promise<void> {
  await requireRole('analyst');
  const id = companyId.safeParse(form.get('company'));
  if (id.success) removeFromWatchlist(getDb(), id.data);
  revalidatePath('/watchlist');
  revalidatePath('/');
}

const unmatchedName = z.string().trim().min(1).max(200);

export async function mapUnmatchedAction(_prev: WatchlistFormState, form: FormData): Promise<WatchlistFormState> {
  await requireRole('analyst');
  const name = unmatchedName.safeParse(form.get('name'));
  const id = companyId.safeParse(form.get('company'));
  if (!name.success || !id.success) return { error: 'choose the company this supplier is' };
  try {
    mapUnmatched(getDb(), name.data, id.data);
    return done(`Mapped "${name.data}".`);
  } catch (err) {
    return known(err);
  }
}

export async function dismissUnmatchedAction(form: FormData): Promise<void> {
  await requireRole('analyst');
  const name = unmatchedName.safeParse(form.get('name'));
  if (name.success) dismissUnmatched(getDb(), name.data);
  revalidatePath('/watchlist');
}

const codes = (value: FormDataEntryValue | null) =>
  String(value ?? '')
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Adds an unmatched supplier as a new company the tagger will use, and puts it on the watchlist. */
export async function addAsNewCompanyAction(_prev: WatchlistFormState, form: FormData): Promise<WatchlistFormState> {
  await requireRole('analyst');
  const original = unmatchedName.safeParse(form.get('original'));
  const parsed = customCompanyInput.safeParse({
    name: form.get('name') ?? '',
    aliases: String(form.get('aliases') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    hq: form.get('hq') ?? '',
    sites: codes(form.get('sites')),
    segment: form.get('segment') ?? '',
  });
  if (!original.success) return { error: 'that supplier is no longer in the unmatched list' };
  if (!parsed.success) return { error: parsed.error.issues.map((i) => i.message).join('; ') };
  const db = getDb();
  try {
    // One transaction: the company is not added unless the supplier is mapped to it too.
    const id = db.transaction(() => {
      const newId = addCustomCompany(db, getGazetteerFor(db), parsed.data);
      mapUnmatched(db, original.data, newId);
      return newId;
    });
    return done(`Added ${parsed.data.name} as a company (${id}); new items that name it are tagged with it. Run \`npm run cli -- retag\` to find it in items already stored.`);
  } catch (err) {
    return known(err);
  }
}
