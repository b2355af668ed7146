/**
 * The organisation of an administrator's region: the unit tree, and for the chosen unit its details (edit),
 * a unit added below it, a move under another parent, deactivation (confirmed first) and its change history.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { ChangeHistory } from '../../components/ChangeHistory.tsx';
import { OfficeHours } from './OfficeHours.tsx';
import { Notice, Problem } from '../../components/Problem.tsx';
import { unitLevels, unitsApi, type Unit, type UnitChange, type UnitInput, type UnitLevel } from './units.api.ts';

type T = ReturnType<typeof useI18n>['t'];

/** the changes the log records for a unit, each with its words */
const unitActions = ['created', 'updated', 'moved', 'deactivated', 'reactivated', 'office_hours'] as const;

const fieldsFromText = (text: string) =>
  text
    .split(/\r?\n/)
    .map((f) => f.trim())
    .filter(Boolean);

/** The units in tree order, each with its depth (the region's roots first). */
function treeOrder(units: Unit[]): { unit: Unit; depth: number }[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, Unit[]>();
  for (const u of units) {
    const parent = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const out: { unit: Unit; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const u of (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'vi'))) {
      out.push({ unit: u, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

function LevelSelect({ id, value, onChange, t }: { id: string; value: UnitLevel; onChange: (l: UnitLevel) => void; t: T }) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value as UnitLevel)}>
      {unitLevels.map((l) => (
        <option key={l} value={l}>
          {t(`units.level.${l}`)}
        </option>
      ))}
    </select>
  );
}

/** Name, level, fields and address: the details a unit is edited and created with. */
function UnitFields({ prefix, value, onChange, t }: { prefix: string; value: UnitInput; onChange: (v: UnitInput) => void; t: T }) {
  const [fieldsText, setFieldsText] = useState(value.fields.join('\n'));
  return (
    <>
      <label htmlFor={`${prefix}-name`}>{t('units.name')}</label>
      <input id={`${prefix}-name`} required minLength={2} maxLength={300} value={value.name} onChange={(e) => onChange({ ...value, name: e.target.value })} />
      <label htmlFor={`${prefix}-level`}>{t('units.level')}</label>
      <LevelSelect id={`${prefix}-level`} value={value.level} onChange={(level) => onChange({ ...value, level })} t={t} />
      <label htmlFor={`${prefix}-fields`}>{t('units.fields')}</label>
      <textarea
        id={`${prefix}-fields`}
        rows={3}
        aria-describedby={`${prefix}-fields-hint`}
        value={fieldsText}
        onChange={(e) => {
          setFieldsText(e.target.value);
          onChange({ ...value, fields: fieldsFromText(e.target.value) });
        }}
      />
      <small id={`${prefix}-fields-hint`} className="hint">
        {t('units.fields.hint')}
      </small>
      <label htmlFor={`${prefix}-address`}>{t('units.address')}</label>
      <input id={`${prefix}-address`} maxLength={500} value={value.address ?? ''} onChange={(e) => onChange({ ...value, address: e.target.value || null })} />
    </>
  );
}

function UnitDetails({ unit, units, onChanged, t }: { unit: Unit; units: Unit[]; onChanged: (u: Unit | null, notice: string) => Promise<void>; t: T }) {
  const [edit, setEdit] = useState<UnitInput>({ name: unit.name, level: unit.level, fields: unit.fields, address: unit.address });
  const [child, setChild] = useState<UnitInput & { agencyCode: string }>({ name: '', agencyCode: '', level: 'commune', fields: [], address: null });
  const [parentId, setParentId] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [history, setHistory] = useState<UnitChange[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    unitsApi.history(unit.id).then((r) => setHistory(r.items), setError);
  }, [unit]);
  // the chosen unit's heading takes the focus (on a phone the details are below the tree: this brings them into view)
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  // a unit cannot move under itself or below itself
  const below = useMemo(() => {
    const ids = new Set([unit.id]);
    for (let grew = true; grew;) {
      grew = false;
      for (const u of units)
        if (u.parentId && ids.has(u.parentId) && !ids.has(u.id)) {
          ids.add(u.id);
          grew = true;
        }
    }
    return ids;
  }, [unit, units]);

  async function act(e: FormEvent | null, f: () => Promise<Unit>, notice: (u: Unit) => string) {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const u = await f();
      await onChanged(u, notice(u));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  return (
    <div className="detail-panel">
      <h2 ref={heading} tabIndex={-1}>
        {unit.name} <small>({unit.agencyCode})</small>
      </h2>
      {unit.deactivatedAt && <p className="badge">{t('units.inactive')}</p>}
      <Problem error={error} />
      <form
        className="card"
        onSubmit={(e) =>
          act(
            e,
            () => unitsApi.update(unit.id, edit),
            () => t('units.saved'),
          )
        }
      >
        <UnitFields prefix="edit" value={edit} onChange={setEdit} t={t} />
        <button type="submit" className="button primary" disabled={busy}>
          {t('units.save')}
        </button>
      </form>

      {!unit.deactivatedAt && (
        <details className="card">
          <summary>{t('units.add')}</summary>
          <form
            onSubmit={(e) =>
              act(
                e,
                () => unitsApi.create({ ...child, parentId: unit.id }),
                (u) => t('units.added', { name: u.name }),
              )
            }
          >
            <label htmlFor="child-code">{t('units.agencyCode')}</label>
            <input
              id="child-code"
              required
              placeholder="000.00.27.H29"
              aria-describedby="child-code-hint"
              value={child.agencyCode}
              onChange={(e) => setChild({ ...child, agencyCode: e.target.value.trim() })}
            />
            <small id="child-code-hint" className="hint">
              {t('units.agencyCode.hint')}
            </small>
            <UnitFields prefix="child" value={child} onChange={(v) => setChild({ ...child, ...v })} t={t} />
            <button type="submit" className="button primary" disabled={busy}>
              {t('units.add')}
            </button>
          </form>
        </details>
      )}

      <OfficeHours unit={unit} units={units} onSaved={(notice) => void onChanged(unit, notice)} />

      {unit.parentId && (
        <details className="card">
          <summary>{t('units.move')}</summary>
          <form
            onSubmit={(e) =>
              act(
                e,
                () => unitsApi.move(unit.id, parentId),
                () => t('units.moved'),
              )
            }
          >
            <label htmlFor="move-parent">{t('units.parent')}</label>
            <select id="move-parent" required value={parentId} onChange={(e) => setParentId(e.target.value)}>
              <option value="" />
              {units
                .filter((u) => !below.has(u.id) && !u.deactivatedAt && u.id !== unit.parentId)
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name} ({u.agencyCode})
                  </option>
                ))}
            </select>
            <button type="submit" className="button" disabled={busy || !parentId}>
              {t('units.move.do')}
            </button>
          </form>
        </details>
      )}

      {unit.parentId &&
        (unit.deactivatedAt ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() =>
              act(
                null,
                () => unitsApi.reactivate(unit.id),
                () => t('units.reactivated'),
              )
            }
          >
            {t('units.reactivate')}
          </button>
        ) : confirming ? (
          <div className="alert alert-warning" role="alertdialog" aria-labelledby="deactivate-question">
            <p id="deactivate-question">{t('units.deactivate.confirm', { name: unit.name })}</p>
            <button
              type="button"
              className="button danger"
              disabled={busy}
              onClick={() =>
                act(
                  null,
                  () => unitsApi.deactivate(unit.id),
                  () => t('units.deactivated'),
                )
              }
            >
              {t('units.deactivate.yes')}
            </button>{' '}
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t('units.cancel')}
            </button>
          </div>
        ) : (
          <button type="button" className="button danger" onClick={() => setConfirming(true)}>
            {t('units.deactivate')}
          </button>
        ))}

      <ChangeHistory
        history={history}
        actionName={(a) => ((unitActions as readonly string[]).includes(a) ? t(`units.action.${a as (typeof unitActions)[number]}`) : a)}
      />
    </div>
  );
}

export function UnitsPage() {
  const { t } = useI18n();
  const [units, setUnits] = useState<Unit[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await unitsApi.list();
    setUnits(r.items);
  }, []);
  useEffect(() => {
    load().catch(setError);
  }, [load]);

  const ordered = useMemo(() => (units ? treeOrder(units) : []), [units]);
  const current = units?.find((u) => u.id === selected) ?? null;

  return (
    <section className="container wide">
      <h1>{t('units.title')}</h1>
      <p>{t('units.intro')}</p>
      <Problem error={error} />
      {notice && <Notice kind="success">{notice}</Notice>}
      {!units ? (
        <p>{t('common.loading')}</p>
      ) : (
        <div className="master-detail">
          <nav aria-label={t('units.tree')} className="master-list">
            <ul>
              {ordered.map(({ unit, depth }) => (
                <li key={unit.id} style={{ paddingInlineStart: `${depth * 1.25}rem` }}>
                  <button
                    type="button"
                    className={`link-button${unit.id === selected ? ' selected' : ''}`}
                    aria-current={unit.id === selected ? 'true' : undefined}
                    onClick={() => {
                      setSelected(unit.id);
                      setNotice(null);
                    }}
                  >
                    {unit.name}
                  </button>{' '}
                  <small>
                    {unit.agencyCode} · {t(`units.level.${unit.level}`)}
                    {unit.deactivatedAt && ` · ${t('units.inactive')}`}
                  </small>
                </li>
              ))}
            </ul>
          </nav>
          {current ? (
            <UnitDetails
              key={`${current.id}:${current.parentId}:${current.deactivatedAt}:${current.name}`}
              unit={current}
              units={units}
              t={t}
              onChanged={async (u, text) => {
                await load();
                if (u) setSelected(u.id);
                setNotice(text);
              }}
            />
          ) : (
            <p>{t('units.choose')}</p>
          )}
        </div>
      )}
    </section>
  );
}
