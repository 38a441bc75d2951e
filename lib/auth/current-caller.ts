import 'server-only';
import { headers } from 'next/headers';
import { getDb } from '../../db';
import { authenticate, type Caller } from './authenticate';

/** Who sent the request being rendered or handled (a page, a server action, a route handler). */
export async function currentCaller(): Promise<Caller | undefined> {
  return authenticate(getDb(), await headers());
}
