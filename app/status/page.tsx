import { connection } from 'next/server';
import { fetchJobStatus } from '../../lib/data/status';
import { LocalTime } from '../components/local-time';

/** The job runner at a glance: each job's schedule and last run, then the latest runs with their counts and errors. */
export default async function StatusPage() {
  await connection();
  const { schedules, runs } = await fetchJobStatus();
  return (
    <>
      <h1>Job runner status</h1>
      <section className="panel" aria-labelledby="schedules">
        <h2 id="schedules">Jobs</h2>
        <table data-testid="job-schedules">
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">Schedule</th>
              <th scope="col">Next run</th>
              <th scope="col">Now</th>
              <th scope="col">Last run</th>
            </tr>
          </thead>
          <tbody>
            {schedules.map((s) => (
              <tr key={s.job} data-job={s.job}>
                <td>{s.job}</td>
                <td>
                  <code>{s.cron}</code>
                  <div className="muted">{s.env}</div>
                </td>
                <td>
                  <LocalTime iso={s.nextRun} />
                </td>
                <td>{s.runningSince ? <>running since <LocalTime iso={s.runningSince} /> ({s.holder})</> : <span className="muted">idle</span>}</td>
                <td>
                  {s.last ? (
                    <>
                      <span className={`status status-${s.last.status === 'ok' ? 'ok' : s.last.status === 'running' ? 'not-modified' : 'error'}`}>{s.last.status}</span>{' '}
                      <LocalTime iso={s.last.startedAt} />
                    </>
                  ) : (
                    <span className="muted">never</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="note">Schedules are set by the environment variables shown; the worker (npm run worker, part of npm start) runs them.</p>
      </section>
      <section className="panel" aria-labelledby="runs">
        <h2 id="runs">Recent runs</h2>
        {runs.length === 0 ? (
          <p className="empty">No job has run yet.</p>
        ) : (
          <table data-testid="job-runs">
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">Started</th>
                <th scope="col">Ended</th>
                <th scope="col">Status</th>
                <th scope="col">Counts</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id} data-job={r.job}>
                  <td>{r.job}</td>
                  <td>
                    <LocalTime iso={r.startedAt} />
                  </td>
                  <td>
                    <LocalTime iso={r.finishedAt} />
                    {r.durationMs !== null ? <div className="muted">{(r.durationMs / 1000).toFixed(1)} s</div> : null}
                  </td>
                  <td className={`status status-${r.status === 'ok' ? 'ok' : r.status === 'running' ? 'not-modified' : 'error'}`}>{r.status}</td>
                  <td>
                    {r.counts
                      ? Object.entries(r.counts)
                          .map(([k, v]) => `${k} ${v}`)
                          .join(', ')
                      : ''}
                  </td>
                  <td className="error-text">{r.error ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
