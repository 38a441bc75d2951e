import Link from 'next/link';

/** Newer/older (or previous/next) links that keep every other param of the page. */
export function Pager({ page, hasMore, href, label = 'Pages', newer = '← Previous', older = 'Next →' }: { page: number; hasMore: boolean; href: (page: number) => string; label?: string; newer?: string; older?: string }) {
  if (page === 1 && !hasMore) return null;
  return (
    <nav className="pager" aria-label={label}>
      {page > 1 ? <Link prefetch={false} href={href(page - 1)}>{newer}</Link> : <span className="muted">{newer}</span>}
      <span>Page {page}</span>
      {hasMore ? <Link prefetch={false} href={href(page + 1)}>{older}</Link> : <span className="muted">{older}</span>}
    </nav>
  );
}
