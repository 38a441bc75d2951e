const PRESENCE_TEXT = { headquarters: 'headquarters', site: 'site', sales: 'sales' } as const;

/** How an event reached a company, in words: "named in title", "via CN (site)". */
export function routeText(route: 'title' | 'body' | 'country', country: string | null, presence: keyof typeof PRESENCE_TEXT | null): string {
  if (route !== 'country') return `named in ${route}`;
  return `via ${country ?? '?'}${presence ? ` (${PRESENCE_TEXT[presence]})` : ''}`;
}

export function RouteLabel(props: { route: 'title' | 'body' | 'country'; country: string | null; presence: keyof typeof PRESENCE_TEXT | null }) {
  const text = routeText(props.route, props.country, props.presence);
  if (props.route !== 'country' || !props.country) return <span>{text}</span>;
  return (
    <span>
      via <a href={`/countries/${props.country}`}>{props.country}</a>
      {props.presence ? ` (${PRESENCE_TEXT[props.presence]})` : ''}
    </span>
  );
}
