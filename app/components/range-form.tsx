/**
 * The from/to range of a page as a plain GET form: the URL stays the only state, the form works
 * without JavaScript and from the keyboard. Other params to keep ride along as hidden fields.
 */
export function RangeForm({ action, from, to, error, keep = {} }: { action: string; from: string; to: string; error: string | null; keep?: Record<string, string> }) {
  return (
    <form className="filters" method="get" action={action} aria-label="Date range">
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label>
        From
        <input type="date" name="from" defaultValue={from} />
      </label>
      <label>
        To (ledger day)
        <input type="date" name="to" defaultValue={to} />
      </label>
      <button type="submit">Show</button>
      {error ? (
        <p role="alert" className="error-text" style={{ margin: 0 }}>
          {error}; showing the default range.
        </p>
      ) : null}
    </form>
  );
}
