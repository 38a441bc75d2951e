import { ResultsSkeleton } from './event-results';
import styles from './events.module.css';

/** Shown while the explorer renders: the page's own layout at its final size, so nothing shifts when it arrives. */
export default function Loading() {
  return (
    <>
      <h1>Events</h1>
      <div className={`${styles.form} skeleton`} style={{ height: '16rem' }} aria-busy="true" aria-label="Loading filters" />
      <div className={styles.results}>
        <ResultsSkeleton />
      </div>
    </>
  );
}
