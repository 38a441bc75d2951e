import { render } from '@react-email/render';
import type { Db } from '../../db';
import type { DigestSubscription } from '../../db/schema';
import { scoreChartPng } from './chart-png';
import { chartCid, DigestEmail } from './digest-email';
import { digestText } from './digest-text';
import { digestSubject } from './format';
import { listHeaders, unsubscribePageUrl, type OutgoingMessage } from './message';
import type { DigestPeriod } from './period';
import { selectDigest, type DigestContent } from './select-digest';

export interface BuiltDigest {
  content: DigestContent;
  message: OutgoingMessage;
}

/** Selects and renders one subscriber's digest for a period: the one function the sender, the CLI preview and /digests use. */
export async function buildDigest(db: Db, sub: DigestSubscription, period: DigestPeriod, appUrl: string): Promise<BuiltDigest> {
  const content = selectDigest(db, sub, period, appUrl);
  const unsubscribeUrl = unsubscribePageUrl(appUrl, sub.unsubscribeToken);
  const subject = digestSubject(sub, period, content.eventCount);
  const html = await render(<DigestEmail sub={sub} content={content} unsubscribeUrl={unsubscribeUrl} preview={subject} />);
  return {
    content,
    message: {
      to: sub.email,
      subject,
      html,
      text: digestText(sub, content, unsubscribeUrl),
      attachments: content.exposure.map((c) => ({ cid: chartCid(c.companyId), filename: `${c.companyId}-exposure.png`, contentType: 'image/png', content: scoreChartPng(c.series) })),
      headers: listHeaders(sub, appUrl),
    },
  };
}
