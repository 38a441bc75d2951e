import { Body, Container, Head, Heading, Hr, Html, Img, Link, Preview, Section, Text } from '@react-email/components';
import type { DigestSubscription } from '../../db/schema';
import { CHART_HEIGHT, CHART_WIDTH } from './chart-png';
import { changeText, dateIn, filterText, periodText, severityText, typeText } from './format';
import type { DigestContent } from './select-digest';

/**
 * The HTML part. react-email turns these components into the table-based, inline-styled markup
 * mail clients render; styles stay inline here for the same reason. Colours follow the dashboard.
 */
const ink = '#1b1f24';
const muted = '#5b6470';
const accent = '#1f5fa8';
const bad = '#a4262c';
const good = '#1e7a3c';

export function chartCid(companyId: string): string {
  return `chart-${companyId}@chipwatch`;
}

export function DigestEmail({ sub, content, unsubscribeUrl, preview }: { sub: DigestSubscription; content: DigestContent; unsubscribeUrl: string; preview: string }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: '#f4f6f8', fontFamily: 'Segoe UI, Roboto, Helvetica, Arial, sans-serif', color: ink, margin: 0 }}>
        <Container style={{ backgroundColor: '#ffffff', maxWidth: 640, padding: 24, border: '1px solid #d8dde3' }}>
          <Heading as="h1" style={{ fontSize: 20, margin: '0 0 4px' }}>
            chipwatch {sub.cadence} digest
          </Heading>
          <Text style={{ color: muted, margin: '0 0 4px', fontSize: 13 }}>{periodText(content.period, sub.timeZone)}</Text>
          <Text style={{ color: muted, margin: '0 0 16px', fontSize: 13 }}>Following {filterText(sub)}.</Text>
          {content.exposure.length > 0 && (
            <Section>
              <Heading as="h2" style={{ fontSize: 16, margin: '8px 0' }}>
                Exposure
              </Heading>
              {content.exposure.map((c) => (
                <Section key={c.companyId} style={{ marginBottom: 8 }}>
                  <Text style={{ margin: 0, fontSize: 14 }}>
                    <Link href={c.url} style={{ color: accent }}>
                      {c.name}
                    </Link>
                    {': '}
                    <strong>{c.score.toFixed(1)}</strong> now,{' '}
                    <span style={{ color: c.change > 0.05 ? bad : c.change < -0.05 ? good : muted }}>{changeText(c.change)}</span> over the period
                  </Text>
                  <Img src={`cid:${chartCid(c.companyId)}`} width={CHART_WIDTH} height={CHART_HEIGHT} alt={`${c.name}: exposure over the last 30 days`} />
                </Section>
              ))}
            </Section>
          )}
          <Hr style={{ borderColor: '#d8dde3' }} />
          {content.eventCount === 0 ? (
            <Text style={{ fontSize: 14 }}>Nothing new in this period.</Text>
          ) : (
            <Section>
              <Heading as="h2" style={{ fontSize: 16, margin: '8px 0' }}>
                Events ({content.eventCount})
              </Heading>
              {content.groups.map((group) => (
                <Section key={group.companyId ?? 'other'} style={{ marginBottom: 12 }}>
                  <Heading as="h3" style={{ fontSize: 15, margin: '12px 0 4px' }}>
                    {group.name}
                  </Heading>
                  {group.events.map((e) => (
                    <Section key={e.id} style={{ margin: '0 0 10px', paddingLeft: 8, borderLeft: `3px solid ${accent}` }}>
                      <Text style={{ margin: 0, fontSize: 14, fontWeight: 600 }}>{e.url ? <Link href={e.url} style={{ color: ink }}>{e.title}</Link> : e.title}</Text>
                      <Text style={{ margin: 0, fontSize: 12, color: muted }}>
                        {dateIn(e.publishedAt, sub.timeZone)} · {typeText(e.eventType)} · {severityText(e.severity)}
                      </Text>
                      {e.summary ? <Text style={{ margin: 0, fontSize: 13 }}>{e.summary}</Text> : null}
                    </Section>
                  ))}
                </Section>
              ))}
              {content.omitted > 0 && <Text style={{ fontSize: 13, color: muted }}>… and {content.omitted} more events in the dashboard.</Text>}
            </Section>
          )}
          <Text style={{ fontSize: 14 }}>
            <Link href={content.dashboardUrl} style={{ color: accent }}>
              See these events in the dashboard
            </Link>
          </Text>
          <Hr style={{ borderColor: '#d8dde3' }} />
          <Text style={{ fontSize: 12, color: muted }}>
            You receive this because {sub.email} subscribed to chipwatch digests.{' '}
            <Link href={unsubscribeUrl} style={{ color: muted }}>
              Unsubscribe
            </Link>
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
