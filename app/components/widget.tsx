import { Suspense, type CSSProperties, type ReactNode } from 'react';

/**
 * One widget of a page: its own Suspense boundary inside a box of fixed height, so neither the
 * skeleton nor content longer than expected moves anything below (the box scrolls instead).
 */
export function Widget({ height, label, children, testId }: { height: string; label: string; children: ReactNode; testId?: string }) {
  const box: CSSProperties = { height };
  return (
    <div className="widget" style={box} data-testid={testId}>
      <Suspense fallback={<div className="skeleton" style={{ height: '100%' }} aria-busy="true" aria-label={`Loading ${label}`} />}>{children}</Suspense>
    </div>
  );
}
