import { fetchChanges, fetchCompanyExposure } from '../../../lib/data/companies';
import type { DateRange } from '../../../lib/queries/date-range';
import { LocalDate } from '../../components/local-date';
import { ScoreChange } from '../../components/score-change';

export async function ScoreCards({ companyId, range }: { companyId: string; range: DateRange }) {
  const [exposure, changes] = await Promise.all([fetchCompanyExposure(companyId, range.from, range.to), fetchChanges(companyId, range.to)]);
  return (
    <div className="cards compact" style={{ marginBottom: 0 }}>
      <div className="card">
        <div className="value" data-testid="score-now">
          {exposure.score.toFixed(1)}
        </div>
        <div className="label">
          Exposure (0–100) on <LocalDate day={range.to} />
        </div>
      </div>
      <div className="card">
        <div className="value">
          <ScoreChange value={changes.change} />
        </div>
        <div className="label">
          since <LocalDate day={changes.from} /> (30 days)
        </div>
      </div>
      <div className="card">
        <div className="value">{exposure.support.score.toFixed(1)}</div>
        <div className="label">Support (investment): beside the score, never subtracted</div>
      </div>
    </div>
  );
}
