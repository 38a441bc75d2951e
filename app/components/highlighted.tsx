import { Fragment } from 'react';
import { splitHighlights } from '../../lib/queries/highlight';

/**
 * Text with search matches as <mark> elements. The text arrives with marker characters, never
 * HTML, and every run is rendered as a React text node: nothing from a feed is parsed as markup.
 */
export function Highlighted({ text }: { text: string }) {
  return (
    <>
      {splitHighlights(text).map((segment, i) => (segment.marked ? <mark key={i}>{segment.text}</mark> : <Fragment key={i}>{segment.text}</Fragment>))}
    </>
  );
}
