import type { EventRow } from '../../lib/queries/search-events';
import { Highlighted } from '../components/highlighted';
import { LocalTime } from '../components/local-time';
import styles from './events.module.css';
import { typeLabel } from './labels';
import { TagEditor } from './tag-editor';

const SUMMARY_CHARS = 400;

/** One event: its first report, the feeds that carried it, its tags with what matched, and (for analysts and admins) the correction panel. */
export function EventCard({ event, canCorrect }: { event: EventRow; canCorrect: boolean }) {
  const summary = event.summary.length > SUMMARY_CHARS ? `${event.summary.slice(0, SUMMARY_CHARS - 1)}…` : event.summary;
  return (
    <li className={styles.event} data-testid="event" data-event-id={event.id}>
      <h3 className={styles.title}>
        {safeHref(event.url) ? (
          <a href={safeHref(event.url)!} rel="noopener noreferrer nofollow">
            {event.highlights ? <Highlighted text={event.highlights.title} /> : event.title}
          </a>
        ) : event.highlights ? (
          <Highlighted text={event.highlights.title} />
        ) : (
          event.title
        )}
      </h3>
      <div className={styles.meta}>
        <LocalTime iso={event.publishedAt} dateOnly />
        <span data-testid="event-type">{typeLabel(event.eventType)}</span>
        {event.severity !== null ? <span>severity {event.severity.toFixed(2)}</span> : null}
        {event.relevant === false ? <span className="tag">off-topic</span> : null}
      </div>
      <p className={styles.text} data-testid="event-summary">
        {event.highlights ? <Highlighted text={event.highlights.summary} /> : summary}
      </p>
      <div className={styles.tags} aria-label="Companies and countries">
        {event.tags.map((t) => (
          <span key={`${t.kind}:${t.value}`} className="tag" data-kind={t.kind} data-value={t.value} title={matchNote(t)}>
            {t.name}
            {t.matchedText && t.matchedText.toLowerCase() !== t.name.toLowerCase() ? <small>“{t.matchedText}”</small> : null}
          </span>
        ))}
      </div>
      <div className={styles.sources}>
        {event.sources.length === 1 ? 'Source: ' : `Carried by ${event.sources.length} feeds: `}
        {event.sources.map((s, i) => (
          <span key={s.itemId}>
            {i > 0 ? ' · ' : null}
            {safeHref(s.url) ? (
              <a href={safeHref(s.url)!} rel="noopener noreferrer nofollow">
                {s.feedTitle ?? `feed ${s.feedId}`}
              </a>
            ) : (
              (s.feedTitle ?? `feed ${s.feedId}`)
            )}
          </span>
        ))}
      </div>
      {canCorrect ? <TagEditor eventId={event.id} tags={event.tags.map((t) => ({ kind: t.kind, value: t.value, name: t.name }))} /> : null}
    </li>
  );
}

function matchNote(t: EventRow['tags'][number]): string {
  const what = t.kind === 'company' ? `company ${t.value}` : `country ${t.value}`;
  if (t.source === 'manual') return `${what}: added by an analyst`;
  return `${what}: matched “${t.matchedText ?? ''}” in the ${t.field ?? 'text'}`;
}

/** Links come from feeds: only http(s) ever becomes an href (ingest already drops the rest). */
function safeHref(url: string | null): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}
