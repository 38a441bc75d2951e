import { Body, Container, Head, Heading, Html, Link, Preview, Text } from '@react-email/components';
import { render } from '@react-email/render';
import type { DigestSubscription } from '../../db/schema';
import type { Alert } from './find-alerts';
import { severityText } from './format';
import { listHeaders, unsubscribePageUrl, type OutgoingMessage } from './message';

/** One alert, one short message: what happened, to whom, and where to look. Same wording in both parts. */
function alertLines(alert: Alert, appUrl: string): { subject: string; lines: string[]; link: string } {
  if (alert.kind === 'rise') {
    const link = `${appUrl}/companies/${encodeURIComponent(alert.companyId)}`;
    return {
      subject: `chipwatch alert: ${alert.companyName} exposure up ${(alert.to - alert.from).toFixed(1)} points`,
      lines: [`${alert.companyName}'s exposure rose from ${alert.from.toFixed(1)} to ${alert.to.toFixed(1)} on ${alert.day} (UTC).`],
      link,
    };
  }
  return {
    subject: `chipwatch alert: ${alert.companyNames.join(', ')} in ${/^[aeiou]/.test(alert.eventType) ? 'an' : 'a'} ${alert.eventType} event (${severityText(alert.severity)})`,
    lines: [alert.title, `${alert.day} · ${alert.eventType} · ${severityText(alert.severity)} · names ${alert.companyNames.join(', ')}`, ...(alert.url ? [alert.url] : [])],
    link: `${appUrl}/events?${alert.companyIds.map((c) => `company=${encodeURIComponent(c)}`).join('&')}&from=${alert.day}&to=${alert.day}`,
  };
}

function AlertEmail({ subject, lines, link, unsubscribeUrl }: { subject: string; lines: string[]; link: string; unsubscribeUrl: string }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{subject}</Preview>
      <Body style={{ fontFamily: 'Segoe UI, Roboto, Helvetica, Arial, sans-serif', color: '#1b1f24', backgroundColor: '#f4f6f8' }}>
        <Container style={{ backgroundColor: '#ffffff', maxWidth: 640, padding: 24, border: '1px solid #d8dde3' }}>
          <Heading as="h1" style={{ fontSize: 18 }}>
            {subject}
          </Heading>
          {lines.map((line) => (
            <Text key={line} style={{ fontSize: 14, margin: '0 0 6px' }}>
              {line}
            </Text>
          ))}
          <Text style={{ fontSize: 14 }}>
            <Link href={link} style={{ color: '#1f5fa8' }}>
              Open in the dashboard
            </Link>
          </Text>
          <Text style={{ fontSize: 12, color: '#5b6470' }}>
            <Link href={unsubscribeUrl} style={{ color: '#5b6470' }}>
              Unsubscribe
            </Link>
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export async function buildAlertMessage(sub: DigestSubscription, alert: Alert, appUrl: string): Promise<OutgoingMessage> {
  const { subject, lines, link } = alertLines(alert, appUrl);
  const unsubscribeUrl = unsubscribePageUrl(appUrl, sub.unsubscribeToken);
  return {
    to: sub.email,
    subject,
    html: await render(<AlertEmail subject={subject} lines={lines} link={link} unsubscribeUrl={unsubscribeUrl} />),
    text: `${subject}\n\n${lines.join('\n')}\n\nOpen in the dashboard: ${link}\n\nUnsubscribe: ${unsubscribeUrl}\n`,
    attachments: [],
    headers: listHeaders(sub, appUrl),
  };
}
