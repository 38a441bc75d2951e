import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { currentCaller } from '../../../../lib/auth/current-caller';
import { fetchDigestPreview } from '../../../../lib/data/digests';

/**
 * The next digest exactly as it would be sent now: the same subject, headers, HTML part (its
 * inline chart images shown as data URLs, since a browser cannot resolve cid: links) and text part.
 * Only for a subscription the user may change (their own; any for an admin): others are not found.
 */
export default async function DigestPreviewPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  // Signed in: proxy.ts lets no anonymous request reach this page.
  const user = (await currentCaller())!.user;
  const preview = await fetchDigestPreview(Number(id), user);
  if (!preview) notFound();
  return (
    <>
      <h1>Next digest for {preview.email}</h1>
      <p>
        <a href="/digests">Back to digests</a>
      </p>
      <section className="panel" aria-labelledby="preview-envelope">
        <h2 id="preview-envelope">Envelope</h2>
        <dl className="profile">
          <dt>Subject</dt>
          <dd data-testid="preview-subject">{preview.subject}</dd>
          <dt>Period</dt>
          <dd>{preview.periodKey} (so far)</dd>
          <dt>Events</dt>
          <dd>{preview.eventCount}</dd>
          {Object.entries(preview.headers).map(([name, value]) => (
            <div key={name} style={{ display: 'contents' }}>
              <dt>{name}</dt>
              <dd className="url">{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="panel" aria-labelledby="preview-html">
        <h2 id="preview-html">HTML part</h2>
        {/* Sandboxed: the mail's links and markup stay inside the frame, no script runs. */}
        <iframe title="Digest HTML part" data-testid="preview-html" srcDoc={preview.html} sandbox="" style={{ width: '100%', height: 720, border: '1px solid #d8dde3', background: '#fff' }} />
      </section>
      <section className="panel" aria-labelledby="preview-text">
        <h2 id="preview-text">Text part</h2>
        <pre data-testid="preview-text" style={{ whiteSpace: 'pre-wrap' }}>
          {preview.text}
        </pre>
      </section>
    </>
  );
}
