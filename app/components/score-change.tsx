/**
 * A change in score points with an arrow and a sign, so up and down read without colour (the
 * colour only repeats it). Up is worse: more exposure.
 */
export function ScoreChange({ value, digits = 1 }: { value: number; digits?: number }) {
  const shown = Number(value.toFixed(digits));
  if (shown === 0) {
    return (
      <span className="num" aria-label="no change">
        ▬ 0
      </span>
    );
  }
  const up = shown > 0;
  return (
    <span className={`num ${up ? 'up' : 'down'}`} aria-label={`${up ? 'up' : 'down'} ${Math.abs(shown).toFixed(digits)} points`}>
      {up ? '▲ +' : '▼ −'}
      {Math.abs(shown).toFixed(digits)}
    </span>
  );
}
