/** The outcome line under a form: a status for success, an alert for a refusal. */
export function FormMessage({ state }: { state: { ok?: string; error?: string } }) {
  if (state.ok) return <p role="status" className="muted">{state.ok}</p>;
  if (state.error) return <p role="alert" className="error-text">{state.error}</p>;
  return null;
}
