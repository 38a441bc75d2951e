/** Shown while the watchlist loads: the same blocks at their final size, so nothing shifts. */
export default function Loading() {
  return (
    <>
      <h1>Watchlist: my suppliers</h1>
      <div className="panel skeleton" style={{ height: 190 }} aria-busy="true" />
      <div className="panel skeleton" style={{ height: 240 }} aria-busy="true" />
    </>
  );
}
