/**
 * What the check found in a procedure version: its errors (a version publishes only without them), then its
 * warnings, each a button that shows where it is (the element, form or field).
 */
import { useI18n } from '../../../app/i18n.tsx';
import type { CheckProblem } from '../studio.api.ts';

export function CheckProblems({ problems, onShow }: { problems: CheckProblem[]; onShow(p: CheckProblem): void }) {
  const { t, pick } = useI18n();
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  return (
    <div className={`alert ${errors.length ? 'alert-error' : 'alert-warning'} check-problems`} role="alert">
      <p>{errors.length ? t('studio.problems', { n: errors.length }) : t('studio.warnings', { n: warnings.length })}</p>
      <ul>
        {[...errors, ...warnings].map((p, i) => (
          <li key={i} className={`problem-${p.severity}`}>
            <button type="button" className="link-button" onClick={() => onShow(p)}>
              {p.elementId ? <code>{p.elementId}</code> : p.formId ? <code>{p.formId}</code> : null} {pick(p.message)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
