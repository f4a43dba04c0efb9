import { ScheduleError, nextFire, parseSchedule, type ScheduleInput } from '@hb/schedule';
import type { Heartbeat, HeartbeatResult, HeartbeatStats } from '@hb/sdk';
import { useState } from 'react';
import { useSession } from '../session';
import { ErrorNote, Field, Form, Head, Pager, Section, Show, formError, useAction, useLoad, when } from '../ui';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const DEFAULT_INTERVAL = 30;

/** A bot of the Heartbeat API is one of the tenant's agents: pick one, then its heartbeats. */
export function HeartbeatsPage() {
  const { client } = useSession();
  const agents = useLoad(() => client.agents.list({ limit: 100 }), []);
  const [botId, setBotId] = useState('');
  return (
    <>
      <h1>Heartbeats</h1>
      <Show loaded={agents} what="agents" empty={(p) => p.data.length === 0} emptyText="Heartbeats belong to an agent: create an agent first.">
        {(p) => {
          const chosen = p.data.find((a) => a.id === botId) ?? p.data[0];
          return (
            <>
              <Field label="Agent" name="bot_id">
                {(id) => (
                  <select id={id} value={chosen.id} onChange={(e) => setBotId(e.target.value)}>
                    {p.data.map((a) => (
                      <option key={a.id} value={a.id}>
                        {a.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <BotHeartbeats key={chosen.id} botId={chosen.id} allowed={chosen.heartbeat} onAllowed={agents.reload} />
            </>
          );
        }}
      </Show>
    </>
  );
}

function BotHeartbeats({ botId, allowed, onAllowed }: { botId: string; allowed: boolean; onAllowed(): void }) {
  const { client } = useSession();
  const heartbeats = useLoad(() => client.heartbeats.readall(botId), [botId]);
  const [editing, setEditing] = useState<Heartbeat | 'new' | null>(null);
  const [changed, setChanged] = useState(0);
  const allow = useAction(async () => {
    await client.bots.update(botId, { heartbeat: true });
    onAllowed();
  });
  const refresh = () => {
    heartbeats.reload();
    setChanged((n) => n + 1);
  };
  if (!allowed) {
    return (
      <Section title="Heartbeats are off for this agent">
        <p>The agent must allow heartbeats before it can have any.</p>
        <ErrorNote error={allow.error} />
        <button type="button" onClick={() => void allow.run()} disabled={allow.busy}>
          Allow heartbeats
        </button>
      </Section>
    );
  }
  return (
    <>
      <Section title="Schedules" actions={<button type="button" onClick={() => setEditing('new')}>New heartbeat</button>}>
        {editing && (
          <ConfigureHeartbeat
            key={editing === 'new' ? 'new' : editing.uuid}
            botId={botId}
            existing={editing === 'new' ? null : editing}
            onDone={() => { setEditing(null); refresh(); }}
            onCancel={() => setEditing(null)}
          />
        )}
        <Show loaded={heartbeats} what="heartbeats" empty={(list) => list.length === 0} emptyText="No heartbeats yet.">
          {(list) => (
            <ul className="list">
              {list.map((hb) => (
                <HeartbeatItem key={hb.uuid} heartbeat={hb} onEdit={() => setEditing(hb)} onChange={refresh} />
              ))}
            </ul>
          )}
        </Show>
      </Section>
      <Stats botId={botId} changed={changed} />
      <Log botId={botId} changed={changed} />
    </>
  );
}

function scheduleText(hb: Pick<Heartbeat, 'cron_pattern' | 'interval_minutes' | 'timezone' | 'active_hours_start' | 'active_hours_end' | 'active_days'>): string {
  const base = hb.cron_pattern ? `cron ${hb.cron_pattern}` : `every ${hb.interval_minutes} min`;
  const window = hb.active_hours_start ? `, ${hb.active_hours_start}–${hb.active_hours_end}` : '';
  const days = hb.active_days ? `, ${hb.active_days.split(',').map((d) => DAYS[Number(d) - 1]).join(' ')}` : '';
  return `${base}${window}${days} (${hb.timezone})`;
}

function HeartbeatItem({ heartbeat: hb, onEdit, onChange }: { heartbeat: Heartbeat; onEdit(): void; onChange(): void }) {
  const { client } = useSession();
  const ref = { bot_id: hb.bot_id, heartbeat_id: hb.uuid };
  const [result, setResult] = useState<HeartbeatResult | null>(null);
  const [doing, setDoing] = useState<string | null>(null);
  const act = useAction(async (what: 'enable' | 'disable' | 'trigger' | 'delete') => {
    setDoing(what);
    if (what === 'delete' && !window.confirm('Delete this heartbeat and stop its runs?')) return;
    if (what === 'trigger') setResult(await client.heartbeats.trigger(ref));
    else if (what === 'delete') await client.heartbeats.delete(ref);
    else await client.heartbeats[what](ref);
    setDoing(null);
    onChange();
  });
  const name = hb.prompt.slice(0, 40);
  return (
    <li>
      <p>
        <strong>{hb.prompt}</strong>
      </p>
      <p className="muted">
        {scheduleText(hb)} · {hb.enabled ? 'enabled' : 'disabled'}
        {hb.paused_reason && ` (paused: ${hb.paused_reason})`} · next {when(hb.next_run_at)} · last {when(hb.last_run_at)} {hb.last_status ?? ''} · runs{' '}
        {hb.execution_count}, errors {hb.error_count} · credits {hb.credits_used}
        {hb.credit_budget !== null && ` of ${hb.credit_budget}`}
      </p>
      <div className="actions">
        <button type="button" className="secondary" onClick={onEdit} aria-label={`Edit ${name}`}>
          Edit
        </button>
        <button type="button" className="secondary" disabled={act.busy} onClick={() => void act.run(hb.enabled ? 'disable' : 'enable')} aria-label={`${hb.enabled ? 'Disable' : 'Enable'} ${name}`}>
          {hb.enabled ? 'Disable' : 'Enable'}
        </button>
        <button type="button" className="secondary" disabled={act.busy} onClick={() => void act.run('trigger')} aria-label={`Run ${name} now`}>
          {act.busy && doing === 'trigger' ? 'Running…' : 'Run now'}
        </button>
        <button type="button" className="danger" disabled={act.busy} onClick={() => void act.run('delete')} aria-label={`Delete ${name}`}>
          Delete
        </button>
      </div>
      <ErrorNote error={act.error} />
      {result && (
        <div className="notice" role="status">
          Run {result.status}
          {result.duration_ms !== null && ` in ${result.duration_ms} ms`}
          {result.response && `: ${result.response}`}
          {result.error && `: ${result.error.message}`}
        </div>
      )}
    </li>
  );
}

interface Draft {
  prompt: string;
  mode: 'interval' | 'cron';
  interval_minutes: string;
  cron_pattern: string;
  timezone: string;
  windowed: boolean;
  active_hours_start: string;
  active_hours_end: string;
  days: number[];
  credit_budget: string;
  max_consecutive_errors: string;
  enabled: boolean;
}

function draftOf(hb: Heartbeat | null): Draft {
  return {
    prompt: hb?.prompt ?? '',
    mode: hb?.cron_pattern ? 'cron' : 'interval',
    interval_minutes: String(hb?.interval_minutes ?? DEFAULT_INTERVAL),
    cron_pattern: hb?.cron_pattern ?? '0 9 * * 1-5',
    timezone: hb?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC',
    windowed: Boolean(hb?.active_hours_start),
    active_hours_start: hb?.active_hours_start ?? '09:00',
    active_hours_end: hb?.active_hours_end ?? '17:00',
    days: hb?.active_days ? hb.active_days.split(',').map(Number) : [],
    credit_budget: hb?.credit_budget === null || hb?.credit_budget === undefined ? '' : String(hb.credit_budget),
    max_consecutive_errors: String(hb?.max_consecutive_errors ?? 5),
    enabled: hb ? hb.enabled === 1 : true,
  };
}

function scheduleOf(d: Draft): ScheduleInput {
  return {
    interval_minutes: d.mode === 'interval' ? Number(d.interval_minutes) : null,
    cron_pattern: d.mode === 'cron' ? d.cron_pattern.trim() : null,
    timezone: d.timezone.trim(),
    active_hours_start: d.windowed ? d.active_hours_start : null,
    active_hours_end: d.windowed ? d.active_hours_end : null,
    active_days: d.days.length > 0 ? [...d.days].sort().join(',') : null,
  };
}

/**
 * The next five fires of the draft, computed with the scheduler's own rules (@hb/schedule), so what
 * the form shows is what will run. A changed schedule counts from the save, as the scheduler's
 * does; an unchanged one keeps its grid, whose next point the heartbeat already names.
 */
function preview(input: ScheduleInput, now: Date, kept?: Date): { fires: Date[] } | { problem: string; field: string } {
  try {
    const schedule = parseSchedule(input, kept ?? now);
    const fires: Date[] = [];
    let after = now;
    while (fires.length < 5) {
      const next = nextFire(schedule, after);
      if (!next) break;
      fires.push(next);
      after = next;
    }
    return { fires };
  } catch (error) {
    if (error instanceof ScheduleError) return { problem: error.message, field: error.field };
    throw error;
  }
}

const sameSchedule = (a: ScheduleInput, b: ScheduleInput) => (Object.keys(a) as Array<keyof ScheduleInput>).every((field) => a[field] === b[field]);

function ConfigureHeartbeat(props: { botId: string; existing: Heartbeat | null; onDone(): void; onCancel(): void }) {
  const { client } = useSession();
  const [d, setDraft] = useState(() => draftOf(props.existing));
  const set = <K extends keyof Draft>(field: K, value: Draft[K]) => setDraft((x) => ({ ...x, [field]: value }));
  const input = scheduleOf(d);
  const { existing } = props;
  const unchanged = existing && existing.next_run_at && sameSchedule(input, scheduleOf(draftOf(existing)));
  const shown = preview(input, new Date(), unchanged ? new Date(existing.next_run_at!) : undefined);
  const save = useAction(async () => {
    await client.heartbeats.configure({
      bot_id: props.botId,
      heartbeat_id: props.existing?.uuid,
      prompt: d.prompt,
      ...(input.cron_pattern !== null ? { cron_pattern: input.cron_pattern } : { interval_minutes: input.interval_minutes! }),
      timezone: input.timezone,
      // Sent even when cleared: null removes a window or days the heartbeat had.
      active_hours_start: input.active_hours_start,
      active_hours_end: input.active_hours_end,
      active_days: input.active_days,
      credit_budget: d.credit_budget.trim() === '' ? null : Number(d.credit_budget),
      max_consecutive_errors: Number(d.max_consecutive_errors),
      enabled: d.enabled,
    });
    props.onDone();
  });
  const fields = ['prompt', 'interval_minutes', 'cron_pattern', 'timezone', 'active_hours_start', 'active_hours_end', 'active_days', 'credit_budget', 'max_consecutive_errors'];
  const toggleDay = (day: number) => set('days', d.days.includes(day) ? d.days.filter((x) => x !== day) : [...d.days, day]);
  return (
    <Form label={props.existing ? 'Edit the heartbeat' : 'Configure a heartbeat'} onSubmit={() => void save.run()} className="form configure">
      <Field label="Prompt" name="prompt" error={save.error} hint="What the agent does on each run.">
        {(id, dd) => <textarea id={id} rows={2} value={d.prompt} onChange={(e) => set('prompt', e.target.value)} aria-describedby={dd} />}
      </Field>
      <fieldset>
        <legend>Schedule</legend>
        <label className="check">
          <input type="radio" name="mode" checked={d.mode === 'interval'} onChange={() => set('mode', 'interval')} /> Every few minutes
        </label>
        <label className="check">
          <input type="radio" name="mode" checked={d.mode === 'cron'} onChange={() => set('mode', 'cron')} /> On a cron pattern
        </label>
        <div className="row">
          {d.mode === 'interval' ? (
            <Field label="Interval (minutes)" name="interval_minutes" error={save.error}>
              {(id, dd) => <input id={id} inputMode="numeric" value={d.interval_minutes} onChange={(e) => set('interval_minutes', e.target.value)} aria-describedby={dd} />}
            </Field>
          ) : (
            <Field label="Cron pattern" name="cron_pattern" error={save.error} hint="minute hour day-of-month month day-of-week">
              {(id, dd) => <input id={id} value={d.cron_pattern} onChange={(e) => set('cron_pattern', e.target.value)} aria-describedby={dd} spellCheck={false} />}
            </Field>
          )}
          <Field label="Timezone" name="timezone" error={save.error} hint="IANA, e.g. America/New_York">
            {(id, dd) => <input id={id} value={d.timezone} onChange={(e) => set('timezone', e.target.value)} aria-describedby={dd} spellCheck={false} />}
          </Field>
        </div>
        <label className="check">
          <input type="checkbox" checked={d.windowed} onChange={(e) => set('windowed', e.target.checked)} /> Only between active hours
        </label>
        {d.windowed && (
          <div className="row">
            <Field label="From" name="active_hours_start" error={save.error}>
              {(id, dd) => <input id={id} type="time" value={d.active_hours_start} onChange={(e) => set('active_hours_start', e.target.value)} aria-describedby={dd} />}
            </Field>
            <Field label="Until" name="active_hours_end" error={save.error}>
              {(id, dd) => <input id={id} type="time" value={d.active_hours_end} onChange={(e) => set('active_hours_end', e.target.value)} aria-describedby={dd} />}
            </Field>
          </div>
        )}
        <div className="days" role="group" aria-label="Active days (none: every day)">
          {DAYS.map((name, i) => (
            <label key={name} className="check">
              <input type="checkbox" checked={d.days.includes(i + 1)} onChange={() => toggleDay(i + 1)} /> {name}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="preview" aria-live="polite" aria-label="Next five runs">
        <h3>Next runs ({input.timezone || 'UTC'})</h3>
        {'problem' in shown ? (
          <p className="field-error">{shown.problem}</p>
        ) : !d.enabled ? (
          <p className="muted">Disabled: it runs only when you run it, until it is enabled.</p>
        ) : shown.fires.length === 0 ? (
          <p className="muted">This schedule never fires.</p>
        ) : (
          <ol data-testid="next-fires">
            {shown.fires.map((fire) => (
              <li key={fire.getTime()}>{localTime(fire, input.timezone)}</li>
            ))}
          </ol>
        )}
      </div>
      <div className="row">
        <Field label="Credit budget per month" name="credit_budget" error={save.error} hint="Empty: unlimited">
          {(id, dd) => <input id={id} inputMode="numeric" value={d.credit_budget} onChange={(e) => set('credit_budget', e.target.value)} aria-describedby={dd} />}
        </Field>
        <Field label="Pause after consecutive errors" name="max_consecutive_errors" error={save.error}>
          {(id, dd) => <input id={id} inputMode="numeric" value={d.max_consecutive_errors} onChange={(e) => set('max_consecutive_errors', e.target.value)} aria-describedby={dd} />}
        </Field>
      </div>
      <label className="check">
        <input type="checkbox" checked={d.enabled} onChange={(e) => set('enabled', e.target.checked)} /> Enabled
      </label>
      <ErrorNote error={formError(save.error, fields)} />
      <div className="actions">
        <button type="submit" disabled={save.busy}>
          Save heartbeat
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </Form>
  );
}

function localTime(at: Date, timezone: string): string {
  try {
    return at.toLocaleString(undefined, { timeZone: timezone, weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  } catch {
    return at.toISOString();
  }
}

function Stats({ botId, changed }: { botId: string; changed: number }) {
  const { client } = useSession();
  const [days, setDays] = useState(14);
  const stats = useLoad(() => client.heartbeats.stats(botId, { days }), [botId, days], changed);
  return (
    <Section
      title="Stats"
      actions={
        <label>
          Over{' '}
          <select value={days} onChange={(e) => setDays(Number(e.target.value))} aria-label="Days">
            {[7, 14, 30, 90].map((n) => (
              <option key={n} value={n}>
                {n} days
              </option>
            ))}
          </select>
        </label>
      }
    >
      <Show loaded={stats} what="stats">
        {(s) => (
          <>
            <dl className="figures">
              <div><dt>Runs</dt><dd>{s.total_executions}</dd></div>
              <div><dt>Success rate</dt><dd>{percent(s.success_rate)}</dd></div>
              <div><dt>Errors</dt><dd>{s.error_count}</dd></div>
              <div><dt>Skipped</dt><dd>{s.skipped_count}</dd></div>
              <div><dt>Average run</dt><dd>{Math.round(s.avg_duration_ms)} ms</dd></div>
              <div><dt>Credits</dt><dd>{s.total_credits}</dd></div>
              <div><dt>Active heartbeats</dt><dd>{s.active_heartbeats}</dd></div>
            </dl>
            <RunsChart series={s.time_series} />
          </>
        )}
      </Show>
    </Section>
  );
}

/** The API's rates are percentages (95.2), as spec 002 shows them. */
function percent(rate: number): string {
  return `${rate.toFixed(1)}%`;
}

/** Runs per day as stacked bars (success, skipped, error) with the day's success rate as a line. */
function RunsChart({ series: given }: { series: HeartbeatStats['time_series'] }) {
  const series = [...given].sort((a, b) => a.date.localeCompare(b.date));
  if (series.length === 0) return <p className="muted">No runs in this period.</p>;
  const width = 640;
  const height = 180;
  const pad = 24;
  const most = Math.max(1, ...series.map((d) => d.total));
  const step = (width - pad * 2) / series.length;
  const bar = Math.max(2, step * 0.7);
  const y = (n: number) => height - pad - (n / most) * (height - pad * 2);
  const rateLine = series
    .map((d, i) => (d.total > 0 ? `${pad + i * step + step / 2},${height - pad - (d.success / d.total) * (height - pad * 2)}` : null))
    .filter(Boolean)
    .join(' ');
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`Runs per day over ${series.length} days, with the success rate`}>
        <line x1={pad} x2={width - pad} y1={height - pad} y2={height - pad} className="axis" />
        {series.map((d, i) => {
          const x = pad + i * step + (step - bar) / 2;
          const parts: Array<[number, string]> = [[d.success, 'ok'], [d.skipped, 'skipped'], [d.error, 'err']];
          let base = 0;
          return (
            <g key={d.date}>
              <title>{`${d.date}: ${d.total} runs, ${d.success} succeeded, ${d.skipped} skipped, ${d.error} failed`}</title>
              {parts.map(([n, kind]) => {
                const rect = <rect key={kind} x={x} width={bar} y={y(base + n)} height={y(base) - y(base + n)} className={kind} />;
                base += n;
                return rect;
              })}
            </g>
          );
        })}
        {rateLine && <polyline points={rateLine} className="rate" fill="none" />}
        <text x={pad} y={pad - 8} className="label">{most} runs</text>
        <text x={pad} y={height - 6} className="label">{series[0].date}</text>
        <text x={width - pad} y={height - 6} className="label" textAnchor="end">{series[series.length - 1].date}</text>
      </svg>
      <figcaption className="legend">
        <span className="ok">success</span> <span className="skipped">skipped</span> <span className="err">error</span> <span className="rate">success rate (line, 0–100%)</span>
      </figcaption>
    </figure>
  );
}

function Log({ botId, changed }: { botId: string; changed: number }) {
  const { client } = useSession();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState('');
  const logs = useLoad(
    () => client.heartbeats.logs(botId, { page, per_page: 10, status: (status || undefined) as 'success' | 'error' | 'skipped' | undefined }),
    [botId, page, status],
    changed,
  );
  return (
    <Section
      title="Execution log"
      actions={
        <label>
          Status{' '}
          <select value={status} onChange={(e) => { setStatus(e.target.value); setPage(1); }} aria-label="Status">
            <option value="">all</option>
            <option value="success">success</option>
            <option value="error">error</option>
            <option value="skipped">skipped</option>
          </select>
        </label>
      }
    >
      <Show loaded={logs} what="runs" empty={(p) => p.logs.length === 0} emptyText="No runs yet.">
        {(p) => (
          <>
            <div className="table-wrap">
              <table>
                <Head columns={['When', 'Type', 'Status', 'Duration', 'Credits', 'Answer or error']} />
                <tbody>
                  {p.logs.map((log) => (
                    <tr key={log.uuid}>
                      <td>{when(log.scheduled_for)}</td>
                      <td>{log.type}</td>
                      <td>{log.status}</td>
                      <td>{log.duration_ms === null ? '—' : `${log.duration_ms} ms`}</td>
                      <td>{log.credits_charged ?? '—'}</td>
                      <td className="clip">{log.error ? `${log.error.code}: ${log.error.message}` : log.response ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager page={p.pagination.page} pages={p.pagination.total_pages} onPage={setPage} />
          </>
        )}
      </Show>
    </Section>
  );
}
