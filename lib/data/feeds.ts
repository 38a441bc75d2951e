import 'server-only';
import { getDb } from '../../db';
import { listFeeds } from '../feeds/manage-feeds';
import { feedToJson } from '../queries/feed-rows';

export async function fetchFeedHealth() {
  return listFeeds(getDb()).map(feedToJson);
}
