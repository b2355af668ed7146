/**
 * The working time of each step of a procedure's process, beside the modeller: a step's name shows it on the
 * diagram; the handling steps (all but reception) together must fit the procedure's time limit.
 */
import { useI18n } from '../../../app/i18n.tsx';
import { workingHoursOf, type Allowance, type TimeLimit } from '../studio.api.ts';
import type { UserStep } from './ProcessModeler.tsx';

export function StepAllowances({
  steps,
  allowances,
  timeLimit,
  problemIds,
  readOnly,
  onShow,
  onChange,
}: {
  steps: UserStep[];
  allowances: Record<string, Allowance>;
  timeLimit: TimeLimit;
  /** steps the check found a problem in */
  problemIds: string[];
  readOnly: boolean;
  onShow(stepId: string): void;
  onChange(stepId: string, a: Allowance): void;
}) {
  const { t } = useI18n();
  const handlingHours = steps.filter((s) => s.kind !== 'reception').reduce((sum, s) => sum + (allowances[s.id] ? workingHoursOf(allowances[s.id]!) : 0), 0);
  const limitHours = workingHoursOf(timeLimit);
  return (
    <aside className="allowances card" aria-labelledby="allowances-title">
      <h2 id="allowances-title">{t('studio.allowances')}</h2>
      <p className="muted">{t('studio.allowances.hint')}</p>
      <table className="table">
        <thead>
          <tr>
            <th>{t('studio.step')}</th>
            <th>{t('studio.allowance')}</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s) => {
            const a = allowances[s.id] ?? { value: 0, unit: 'working_hours' as const };
            return (
              <tr key={s.id} className={problemIds.includes(s.id) ? 'has-problem' : ''}>
                <td>
                  <button type="button" className="link-button" title={t('studio.showStep')} onClick={() => onShow(s.id)}>
                    {s.name}
                  </button>
                  <br />
                  <code>{s.id}</code>
                </td>
                <td>
                  <div className="inline-fields">
                    <input
                      aria-label={`${t('studio.allowance')} ${s.name} (${s.id})`}
                      type="number"
                      min={0}
                      step="any"
                      value={a.value}
                      disabled={readOnly}
                      onChange={(e) => onChange(s.id, { ...a, value: Number(e.target.value) })}
                    />
                    <select
                      aria-label={`${t('studio.limit.unit')} ${s.id}`}
                      value={a.unit}
                      disabled={readOnly}
                      onChange={(e) => onChange(s.id, { ...a, unit: e.target.value as Allowance['unit'] })}
                    >
                      <option value="working_hours">{t('studio.unit.working_hours')}</option>
                      <option value="working_days">{t('studio.unit.working_days')}</option>
                    </select>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className={handlingHours > limitHours ? 'field-error' : 'muted'} role="status">
        {t('studio.allowances.fit', { used: handlingHours, limit: limitHours })}
      </p>
    </aside>
  );
}
