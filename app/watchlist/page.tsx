import { connection } from 'next/server';
import { dismissUnmatchedAction, removeWatchlistCompanyAction } from '../../lib/actions/watchlist';
import { currentCaller } from '../../lib/auth/current-caller';
import { roleAllows } from '../../lib/auth/roles';
import { fetchWatchlist } from '../../lib/data/watchlist';
import { SEGMENTS } from '../../lib/tagging/gazetteer';
import { ReadOnlyNote } from '../components/read-only-note';
import { AddAsNewCompanyForm, AddCompanyForm, CompanyDatalist, MapUnmatchedForm, UploadSuppliersForm } from './watchlist-forms';

const LIST_ID = 'watchlist-companies';

export default async function WatchlistPage() {
  await connection();
  // Signed in: proxy.ts lets no anonymous request reach this page. Viewers get the lists without forms.
  const role = (await currentCaller())!.user.role;
  const canEdit = roleAllows(role, 'analyst');
  const data = await fetchWatchlist();
  const overviewLink = (
    <p className="muted">
      The overview can show these companies instead of the most exposed ones: <a href="/?view=watchlist">overview for my watchlist</a>.
    </p>
  );
  return (
    <>
      <h1>Watchlist: my suppliers</h1>
      {canEdit ? (
        <>
          <CompanyDatalist id={LIST_ID} companies={data.companyOptions} />
          <section className="panel" aria-labelledby="add-suppliers">
            <h2 id="add-suppliers">Add suppliers</h2>
            <AddCompanyForm listId={LIST_ID} />
            <UploadSuppliersForm />
            {overviewLink}
          </section>
        </>
      ) : (
        <>
          <ReadOnlyNote role={role} what="analysts and admins keep the watchlist" />
          {overviewLink}
        </>
      )}
      <section className="panel" aria-labelledby="watchlist-table">
        <h2 id="watchlist-table">On the watchlist</h2>
        <WatchlistTable rows={data.rows} canEdit={canEdit} />
      </section>
      {data.unmatched.length > 0 && (
        <section className="panel" aria-labelledby="unmatched">
          <h2 id="unmatched">Unmatched suppliers ({data.unmatched.length})</h2>
          <p className="muted">
            These names from your uploads matched no company.
            {canEdit ? ' Map each to a company, add it as a new company (the tagger then recognises it in new items), or dismiss it.' : null}
          </p>
          <table data-testid="unmatched-table">
            <thead>
              <tr>
                <th scope="col">Supplier</th>
                {canEdit ? <th scope="col">Map, add or dismiss</th> : null}
              </tr>
            </thead>
            <tbody>
              {data.unmatched.map((u) => (
                <tr key={u.name}>
                  <td>
                    <div>{u.name}</div>
                    {u.details ? <div className="muted">{u.details}</div> : null}
                  </td>
                  {canEdit ? (
                    <td>
                      <MapUnmatchedForm name={u.name} listId={LIST_ID} />
                      <details>
                        <summary>Add as a new company…</summary>
                        <AddAsNewCompanyForm name={u.name} segments={SEGMENTS} countries={data.countryOptions} />
                      </details>
                      <form action={dismissUnmatchedAction}>
                        <input type="hidden" name="name" value={u.name} />
                        <button type="submit" aria-label={`Dismiss ${u.name}`}>Dismiss</button>
                      </form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}

function WatchlistTable({ rows, canEdit }: { rows: Awaited<ReturnType<typeof fetchWatchlist>>['rows']; canEdit: boolean }) {
  if (rows.length === 0) {
    return <p className="empty">Nothing on the watchlist yet.{canEdit ? ' Add a company above, or upload your supplier list as CSV.' : ''}</p>;
  }
  return (
    <table data-testid="watchlist">
      <thead>
        <tr>
          <th scope="col">Company</th>
          <th scope="col">Segment</th>
          <th scope="col">HQ</th>
          <th scope="col" className="num">Exposure now</th>
          <th scope="col" className="num">30-day change</th>
          <th scope="col">Added as</th>
          {canEdit ? (
            <th scope="col">
              <span className="sr-only">Remove</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.companyId} data-company={r.companyId}>
            <td>
              <a href={`/companies/${r.companyId}`}>{r.name}</a>
            </td>
            <td>{r.segment}</td>
            <td>{r.hq}</td>
            <td className="num">{r.score.toFixed(1)}</td>
            <td className={`num ${r.change30 > 0.05 ? 'up' : r.change30 < -0.05 ? 'down' : ''}`}>
              {r.change30 > 0.05 ? '▲ +' : r.change30 < -0.05 ? '▼ ' : ''}
              {r.change30.toFixed(1)}
            </td>
            <td className="muted">{r.supplierName ?? 'added by hand'}</td>
            {canEdit ? (
              <td>
                <form action={removeWatchlistCompanyAction}>
                  <input type="hidden" name="company" value={r.companyId} />
                  <button type="submit" aria-label={`Remove ${r.name} from the watchlist`}>Remove</button>
                </form>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
