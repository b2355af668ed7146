/**
 * What the check found in a procedure version: its errors (a version publishes only without them), then its
 * warnings. Each says the problem in words; where it is (the element's id, the form, or the part of the
 * procedure) follows as a small link that selects and shows it.
 */
import { useI18n } from '../../../app/i18n.tsx';
import type { CheckProblem } from '../studio.api.ts';

export type Tab = 'catalogue' | 'process' | 'forms' | 'versions';

/** The part of the studio a problem is shown in. */
export function problemTab(p: CheckProblem): Tab {
  if (p.area === 'model' || p.area === 'allowances') return 'process';
  if (p.area === 'forms' && !p.elementId) return 'forms';
  if (p.area === 'forms') return 'process';
  return 'catalogue';
}

export function CheckProblems({ problems, onShow }: { problems: CheckProblem[]; onShow(p: CheckProblem): void }) {
  const { t, pick } = useI18n();
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  return (
    <div className={`alert ${errors.length ? 'alert-error' : 'alert-warning'} check-problems`} role="alert">
      <p>{errors.length ? t('studio.problems', { n: errors.length }) : t('studio.warnings', { n: warnings.length })}</p>
      <ul>
        {[...errors, ...warnings].map((p, i) => {
          const where = p.elementId ?? p.formId;
          return (
            <li key={i} className={`problem-${p.severity}`}>
              <span className="problem-text">{pick(p.message)}</span>{' '}
              <button
                type="button"
                className="link-button problem-where"
                aria-label={where ? t('studio.problem.select', { id: where }) : undefined}
                onClick={() => onShow(p)}
              >
                {where ? <code>{where}</code> : t(`studio.tab.${problemTab(p)}`)}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
