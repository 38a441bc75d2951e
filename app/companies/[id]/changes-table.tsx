import { fetchChanges } from '../../../lib/data/companies';
import { LocalDate } from '../../components/local-date';
import { routeText } from '../../components/route-label';
import { ScoreChange } from '../../components/score-change';

const SHOWN_ROWS = 10;

/** The events whose contributions moved the score most over the 30 days up to the ledger day. */
export async function ChangesTable({ companyId, to }: { companyId: string; to: string }) {
  const changes = await fetchChanges(companyId, to);
  const moved = changes.rows.filter((r) => Math.abs(r.change) >= 0.005);
  const shown = moved.slice(0, SHOWN_ROWS);
  const rest = changes.rows.slice(shown.length);
  const restCount = rest.length + (changes.rest?.rows ?? 0);
  const restTotal = rest.reduce((s, r) => s + r.change, 0) + (changes.rest?.contribution ?? 0);
  return (
    <>
      <p className="note" style={{ marginTop: 0 }}>
        For each event in the ledger on either day: its contribution on <LocalDate day={to} /> minus its contribution on <LocalDate day={changes.from} /> (0 when
        it was not counted then). New events push the score up, fading and expired ones pull it down; the changes add up to the change in the score.
      </p>
      <p className="sum-line">
        Score {changes.scoreBefore.toFixed(2)} → {changes.scoreAfter.toFixed(2)}: <ScoreChange value={changes.change} digits={2} />
      </p>
      {shown.length === 0 ? (
        <p className="empty">Nothing moved the score in these 30 days.</p>
      ) : (
        <table data-testid="changes-table">
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Date</th>
              <th scope="col">Route</th>
              <th scope="col" className="num">Then</th>
              <th scope="col" className="num">Now</th>
              <th scope="col" className="num">Change</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.eventId}>
                <td>
                  <span className="tag">{r.eventType}</span> {r.title}
                </td>
                <td>
                  <LocalDate day={r.date} />
                </td>
                <td>{routeText(r.route, r.country, r.presence)}</td>
                <td className="num">{r.before.toFixed(2)}</td>
                <td className="num">{r.after.toFixed(2)}</td>
                <td className="num">
                  <ScoreChange value={r.change} digits={2} />
                </td>
              </tr>
            ))}
          </tbody>
          {restCount ? (
            <tfoot>
              <tr>
                <td colSpan={5}>
                  {restCount.toLocaleString('en-US')} other {restCount === 1 ? 'event' : 'events'} together
                </td>
                <td className="num">
                  <ScoreChange value={restTotal} digits={2} />
                </td>
              </tr>
            </tfoot>
          ) : null}
        </table>
      )}
    </>
  );
}
