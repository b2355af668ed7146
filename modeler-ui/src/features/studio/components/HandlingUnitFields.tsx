/**
 * «Đơn vị giải quyết» of a new procedure (liên thông): who reviews and approves its dossiers — the receiving
 * unit (as before), the unit competent for the procedure's field, or a named unit — and, optionally, a
 * cooperating agency that gives its opinion before approval. Reception and return stay with the receiving
 * unit. The units offered are the active ones that are not service centres (a centre receives, it does not
 * decide); the server checks the same. Controlled: the page holds the choice.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { ApiError } from '../../../app/api.ts';
import { useI18n } from '../../../app/i18n.tsx';
import { unitsApi, type Unit } from '../../units/units.api.ts';

export interface HandlingChoice {
  rule: 'receiving' | 'competent' | 'named';
  /** agency code of the named handling unit */
  unit: string;
  opinion: boolean;
  /** agency code of the cooperating agency */
  opinionUnit: string;
}

export const defaultHandling: HandlingChoice = { rule: 'receiving', unit: '', opinion: false, opinionUnit: '' };

/** The choice as the api takes it: `handlingUnit` (a step's unit rule) and `opinionUnit` (an agency code). */
export function handlingBody(c: HandlingChoice): { handlingUnit?: string; opinionUnit?: string } {
  return {
    ...(c.rule === 'competent' ? { handlingUnit: 'competent' } : c.rule === 'named' ? { handlingUnit: `named:${c.unit}` } : {}),
    ...(c.opinion ? { opinionUnit: c.opinionUnit } : {}),
  };
}

const RULES = ['receiving', 'competent', 'named'] as const;

export function HandlingUnitFields({ value, onChange, error }: { value: HandlingChoice; onChange(v: HandlingChoice): void; error: unknown }) {
  const { t } = useI18n();
  const [units, setUnits] = useState<Unit[] | null>(null);
  const [loadError, setLoadError] = useState(false);
  const needsUnits = value.rule === 'named' || value.opinion;

  useEffect(() => {
    if (!needsUnits || units) return;
    unitsApi.list().then(
      (r) => setUnits(r.items.filter((u) => !u.deactivatedAt && u.level !== 'centre').sort((a, b) => a.name.localeCompare(b.name, 'vi'))),
      () => setLoadError(true),
    );
  }, [needsUnits, units]);

  // a refusal by the server points at its field (a unit picker only when it is about the unit picked)
  const invalid = (field: string, code?: RegExp) =>
    (error instanceof ApiError && error.fields.some((f) => f.field === field && (!code || code.test(f.code)))) || undefined;

  const picker = (id: string, label: string, selected: string, set: (code: string) => void, field: string, code: RegExp) => (
    <div className="unit-picker">
      <label htmlFor={id}>{label}</label>
      <select id={id} required value={selected} onChange={(e) => set(e.target.value)} aria-invalid={invalid(field, code)} disabled={!units}>
        <option value="">{units ? t('studio.new.chooseUnit') : loadError ? t('studio.new.unitsUnavailable') : t('common.loading')}</option>
        {(units ?? []).map((u) => (
          <option key={u.id} value={u.agencyCode}>
            {u.name} ({u.agencyCode})
          </option>
        ))}
      </select>
    </div>
  );

  /** A radio button or check box, its label and, described by it, a hint. */
  const choice = (id: string, label: string, hint: string, input: (a: { id: string; 'aria-describedby': string }) => ReactNode) => (
    <div className="choice" key={id}>
      {input({ id, 'aria-describedby': `${id}-hint` })}
      <div>
        <label htmlFor={id}>{label}</label>
        <small className="hint" id={`${id}-hint`}>
          {hint}
        </small>
      </div>
    </div>
  );

  return (
    <fieldset className="handling-unit">
      <legend id="handling-legend">{t('studio.new.handling')}</legend>
      <p className="hint">{t('studio.new.handling.hint')}</p>
      <div className="choices" role="radiogroup" aria-labelledby="handling-legend" aria-invalid={invalid('handlingUnit')}>
        {RULES.map((rule) =>
          choice(`handling-rule-${rule}`, t(`studio.new.handling.${rule}`), t(`studio.new.handling.${rule}.hint`), (a) => (
            <input type="radio" name="handling-rule" value={rule} checked={value.rule === rule} onChange={() => onChange({ ...value, rule })} {...a} />
          )),
        )}
      </div>
      {value.rule === 'named' &&
        picker('handling-unit', t('studio.new.handling.unit'), value.unit, (unit) => onChange({ ...value, unit }), 'handlingUnit', /^handling_unit_/)}
      {choice('handling-opinion', t('studio.new.opinion'), t('studio.new.opinion.hint'), (a) => (
        <input type="checkbox" checked={value.opinion} onChange={(e) => onChange({ ...value, opinion: e.target.checked })} {...a} />
      ))}
      {value.opinion &&
        picker(
          'opinion-unit',
          t('studio.new.opinion.unit'),
          value.opinionUnit,
          (opinionUnit) => onChange({ ...value, opinionUnit }),
          'opinionUnit',
          /^opinion_unit_/,
        )}
    </fieldset>
  );
}
