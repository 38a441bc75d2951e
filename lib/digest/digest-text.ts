import type { DigestSubscription } from '../../db/schema';
import { changeText, dateIn, filterText, periodText, severityText, typeText } from './format';
import type { DigestContent } from './select-digest';

/** The plain-text part: everything the HTML part says, for clients and readers that prefer text. */
export function digestText(sub: DigestSubscription, content: DigestContent, unsubscribeUrl: string): string {
  const lines: string[] = [];
  lines.push(`chipwatch ${sub.cadence} digest`, periodText(content.period, sub.timeZone), `Following ${filterText(sub)}.`, '');
  if (content.exposure.length) {
    lines.push('EXPOSURE');
    for (const c of content.exposure) lines.push(`- ${c.name}: ${c.score.toFixed(1)} now, ${changeText(c.change)} over the period (${c.url})`);
    lines.push('');
  }
  if (content.eventCount === 0) {
    lines.push('Nothing new in this period.');
  } else {
    lines.push(`EVENTS (${content.eventCount})`);
    for (const group of content.groups) {
      lines.push('', `${group.name}`);
      for (const e of group.events) {
        lines.push(`* ${e.title}`);
        lines.push(`  ${dateIn(e.publishedAt, sub.timeZone)} · ${typeText(e.eventType)} · ${severityText(e.severity)}`);
        if (e.summary) lines.push(`  ${e.summary}`);
        if (e.url) lines.push(`  ${e.url}`);
      }
    }
    if (content.omitted) lines.push('', `… and ${content.omitted} more events in the dashboard.`);
  }
  lines.push('', `See these events in the dashboard: ${content.dashboardUrl}`, '', `Unsubscribe: ${unsubscribeUrl}`);
  return `${lines.join('\n')}\n`;
}
