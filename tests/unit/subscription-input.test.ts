import { describe, expect, it } from 'vitest';
import { parseSubscriptionInput, SubscriptionInputError, subscriptionFieldErrors } from '../../lib/digest/subscription-input';
import { getGazetteer } from '../../lib/tagging/gazetteer';

const g = getGazetteer();
const parse = (raw: Parameters<typeof parseSubscriptionInput>[0]) => parseSubscriptionInput(raw, g);
const refusal = (raw: Parameters<typeof parseSubscriptionInput>[0]) => {
  try {
    parse(raw);
  } catch (err) {
    if (err instanceof SubscriptionInputError) return { field: err.field, message: err.message };
    throw err;
  }
  throw new Error('expected a refusal');
};

describe('subscription input', () => {
  it('normalises what it accepts and fills the defaults', () => {
    expect(parse({ email: ' Buyer@Example.COM ', companies: ['Micron,tsmc', 'micron'], countries: ['cn'], eventTypes: ['Import-Ban'], timeZone: 'europe/amsterdam', minSeverity: '0.5' })).toEqual({
      email: 'buyer@example.com',
      cadence: 'daily',
      hour: 8,
      weekday: 1,
      timeZone: 'Europe/Amsterdam',
      companies: ['micron', 'tsmc'],
      useWatchlist: false,
      countries: ['CN'],
      region: null,
      eventTypes: ['import-ban'],
      minSeverity: 0.5,
      sendWhenEmpty: false,
      alertScoreRise: null,
      alertMinSeverity: null,
    });
  });

  it.each<[Parameters<typeof parseSubscriptionInput>[0], string, RegExp]>([
    [{ email: 'a@b' }, 'email', /not an email address/],
    [{ email: 'a b@c.test' }, 'email', /not an email address/],
    [{ email: 'a@b.test\r\nBcc: x@y.test' }, 'email', /not an email address/],
    [{ email: 'a@b.test', companies: ['nope'] }, 'companies', /unknown company "nope"/],
    [{ email: 'a@b.test', countries: ['XX'] }, 'countries', /unknown country "XX"/],
    [{ email: 'a@b.test', region: 'atlantis' }, 'region', /unknown region "atlantis"/],
    [{ email: 'a@b.test', eventTypes: ['gossip'] }, 'eventTypes', /unknown event type "gossip"/],
    [{ email: 'a@b.test', timeZone: 'Mars/Olympus' }, 'timeZone', /unknown time zone/],
    [{ email: 'a@b.test', hour: '24' }, 'hour', /0 to 23/],
    [{ email: 'a@b.test', hour: '7.5' }, 'hour', /0 to 23/],
    [{ email: 'a@b.test', hour: '-1' }, 'hour', /0 to 23/],
    [{ email: 'a@b.test', weekday: '8' }, 'weekday', /1 \(Monday\) to 7/],
    [{ email: 'a@b.test', cadence: 'hourly' }, 'cadence', /daily or weekly/],
    [{ email: 'a@b.test', minSeverity: '1.5' }, 'minSeverity', /from 0 to 1/],
    [{ email: 'a@b.test', alertScoreRise: 'lots' }, 'alertScoreRise', /from 0 to 100/],
  ])('refuses %j naming the field', (raw, field, message) => {
    const r = refusal(raw);
    expect(r.field).toBe(field);
    expect(r.message).toMatch(message);
  });

  it('reports every bad field at once for the form', () => {
    const r = subscriptionFieldErrors({ email: 'x', hour: '99', timeZone: 'Nowhere/Land' }, g);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['email', 'hour', 'timeZone']);
  });
});
