import { connection } from 'next/server';
import { getDb } from '../../../db';
import { exportOpmlOutlines } from '../../../lib/feeds/manage-feeds';
import { renderOpml } from '../../../lib/feeds/opml';

/** The subscribed feeds as an OPML download (sample feeds are bundled, not subscribed, so they are left out). */
export async function GET(): Promise<Response> {
  await connection();
  return new Response(renderOpml(exportOpmlOutlines(getDb())), {
    headers: {
      'content-type': 'text/x-opml; charset=utf-8',
      'content-disposition': 'attachment; filename="chipwatch-feeds.opml"',
    },
  });
}
