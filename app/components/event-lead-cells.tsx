import { LocalDate } from './local-date';

/**
 * The first four columns every event table starts with (date, the event with its link, type,
 * severity), so the company page and the country and region pages show an event the same way.
 */
export function EventLeadHeaders() {
  return (
    <>
      <th scope="col">Date</th>
      <th scope="col">Event</th>
      <th scope="col">Type</th>
      <th scope="col" className="num">Severity</th>
    </>
  );
}

export function EventLeadCells({ event: e }: { event: { date: string; title: string; url: string | null; eventType: string; severity: number } }) {
  return (
    <>
      <td>
        <LocalDate day={e.date} />
      </td>
      <td>{e.url ? <a href={e.url} rel="noopener noreferrer">{e.title}</a> : e.title}</td>
      <td>
        <span className="tag">{e.eventType}</span>
      </td>
      <td className="num">{e.severity.toFixed(2)}</td>
    </>
  );
}
