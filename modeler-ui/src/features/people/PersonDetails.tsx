/**
 * One person as an administrator keeps them: contact details, the roles held in units (given and taken away,
 * the latter confirmed), a password reset and deactivation (each confirmed, saying what it does), the history.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { ChangeHistory } from '../../components/ChangeHistory.tsx';
import { Problem } from '../../components/Problem.tsx';
import type { Unit } from '../units/units.api.ts';
import { assignableRoles, peopleApi, type AssignableRole, type Person, type PersonChange } from './people.api.ts';

/** the changes the log records for a person, each with its words */
const personActions = [
  'created',
  'imported',
  'updated',
  'role_added',
  'role_removed',
  'deactivated',
  'reactivated',
  'password_reset',
  'second_factor_reset',
] as const;

type Confirm = { kind: 'removeRole'; roleId: string; label: string } | { kind: 'reset' } | { kind: 'deactivate' } | { kind: 'resetTotp' };

/** what each confirmation asks, its yes, and what is done */
const confirmWords = {
  removeRole: { question: 'people.removeRole.confirm', yes: 'people.removeRole.yes' },
  reset: { question: 'people.reset.confirm', yes: 'people.reset.yes' },
  deactivate: { question: 'people.deactivate.confirm', yes: 'people.deactivate.yes' },
  resetTotp: { question: 'people.resetTotp.confirm', yes: 'people.resetTotp.yes' },
} as const;

export function PersonDetails({
  person,
  units,
  onChanged,
}: {
  person: Person;
  units: Unit[];
  /** after a change: the person as it is now, what to tell, and a temporary password to show once */
  onChanged: (p: Person, notice: string, secret?: { username: string; password: string }) => Promise<void>;
}) {
  const { t } = useI18n();
  const { account } = useSession();
  const [contact, setContact] = useState({ fullName: person.fullName, email: person.email ?? '', phone: person.phone ?? '' });
  const [role, setRole] = useState<AssignableRole>('specialist');
  const [unitId, setUnitId] = useState('');
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [history, setHistory] = useState<PersonChange[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    peopleApi.history(person.id).then((r) => setHistory(r.items), setError);
  }, [person]);

  const cityWide = account?.orgUnitId === null;
  const roleLabel = (r: { role: string; unitName: string | null }) =>
    `${t(`people.role.${r.role as AssignableRole}`)}${r.unitName ? ` · ${r.unitName}` : ` · ${t('people.cityWide')}`}`;

  async function act(e: FormEvent | null, f: () => Promise<Person | { person: Person; temporaryPassword: string }>, notice: string) {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await f();
      if ('temporaryPassword' in r) await onChanged(r.person, notice, { username: r.person.username, password: r.temporaryPassword });
      else await onChanged(r, notice);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      setConfirm(null);
    }
  }

  const question = (c: Confirm) => t(confirmWords[c.kind].question, { role: c.kind === 'removeRole' ? c.label : '', name: person.fullName });
  const doIt = (c: Confirm) => {
    switch (c.kind) {
      case 'removeRole':
        return act(null, () => peopleApi.removeRole(person.id, c.roleId), t('people.roleRemoved'));
      case 'reset':
        return act(null, () => peopleApi.resetPassword(person.id), t('people.resetDone'));
      case 'resetTotp':
        return act(null, () => peopleApi.resetSecondFactor(person.id), t('people.resetTotpDone'));
      case 'deactivate':
        return act(null, () => peopleApi.deactivate(person.id), t('people.deactivated'));
    }
  };

  return (
    <div className="detail-panel">
      <h2 ref={heading} tabIndex={-1}>
        {person.fullName} <small>({person.username})</small>
      </h2>
      {person.disabledAt && <p className="badge">{t('people.disabled')}</p>}
      {!person.manageable && <p className="alert alert-info">{t('people.sharedOutside')}</p>}
      {person.totpEnabled && <p className="badge">{t('people.totpOn')}</p>}
      <Problem error={error} />
      {confirm && (
        <div className="alert alert-warning" role="alertdialog" aria-labelledby="person-question">
          <p id="person-question">{question(confirm)}</p>
          <button type="button" className="button danger" disabled={busy} onClick={() => doIt(confirm)}>
            {t(confirmWords[confirm.kind].yes)}
          </button>{' '}
          <button type="button" className="button" onClick={() => setConfirm(null)}>
            {t('units.cancel')}
          </button>
        </div>
      )}

      <h3>{t('people.roles')}</h3>
      <ul className="held-roles">
        {person.roles.map((r) => (
          <li key={r.id}>
            <span>{roleLabel(r)}</span>
            {person.roles.length > 1 && (
              <button
                type="button"
                className="link-button"
                disabled={busy}
                onClick={() => setConfirm({ kind: 'removeRole', roleId: r.id, label: roleLabel(r) })}
              >
                {t('people.removeRole')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {!person.disabledAt && (
        <form className="card" onSubmit={(e) => act(e, () => peopleApi.addRole(person.id, role, unitId || null), t('people.roleAdded'))}>
          <h4>{t('people.addRole')}</h4>
          <label htmlFor="add-role">{t('people.role')}</label>
          <select id="add-role" value={role} onChange={(e) => setRole(e.target.value as AssignableRole)}>
            {assignableRoles.map((r) => (
              <option key={r} value={r}>
                {t(`people.role.${r}`)}
              </option>
            ))}
          </select>
          <label htmlFor="add-role-unit">{t('people.unit')}</label>
          <UnitSelect id="add-role-unit" units={units} value={unitId} onChange={setUnitId} cityWide={cityWide && role === 'administrator'} />
          <button type="submit" className="button primary" disabled={busy}>
            {t('people.addRole.do')}
          </button>
        </form>
      )}

      {person.manageable && (
        <>
          <form
            className="card"
            onSubmit={(e) =>
              act(
                e,
                () => peopleApi.update(person.id, { fullName: contact.fullName, email: contact.email || null, phone: contact.phone || null }),
                t('people.saved'),
              )
            }
          >
            <h4>{t('people.contact')}</h4>
            <label htmlFor="person-name">{t('people.fullName')}</label>
            <input
              id="person-name"
              required
              minLength={2}
              maxLength={100}
              value={contact.fullName}
              onChange={(e) => setContact({ ...contact, fullName: e.target.value })}
            />
            <label htmlFor="person-email">{t('people.email')}</label>
            <input id="person-email" type="email" maxLength={200} value={contact.email} onChange={(e) => setContact({ ...contact, email: e.target.value })} />
            <label htmlFor="person-phone">{t('people.phone')}</label>
            <input
              id="person-phone"
              inputMode="tel"
              maxLength={10}
              value={contact.phone}
              onChange={(e) => setContact({ ...contact, phone: e.target.value.trim() })}
            />
            <button type="submit" className="button primary" disabled={busy}>
              {t('units.save')}
            </button>
          </form>
          <div className="actions">
            {person.disabledAt ? (
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => act(null, () => peopleApi.reactivate(person.id), t('people.reactivated'))}
              >
                {t('people.reactivate')}
              </button>
            ) : (
              <>
                <button type="button" className="button" disabled={busy} onClick={() => setConfirm({ kind: 'reset' })}>
                  {t('people.reset')}
                </button>
                {person.totpEnabled && (
                  <button type="button" className="button" disabled={busy} onClick={() => setConfirm({ kind: 'resetTotp' })}>
                    {t('people.resetTotp')}
                  </button>
                )}
                {person.id !== account?.id && (
                  <button type="button" className="button danger" disabled={busy} onClick={() => setConfirm({ kind: 'deactivate' })}>
                    {t('people.deactivate')}
                  </button>
                )}
              </>
            )}
          </div>
        </>
      )}

      <ChangeHistory
        history={history}
        actionName={(a) => ((personActions as readonly string[]).includes(a) ? t(`people.action.${a as (typeof personActions)[number]}`) : a)}
      />
    </div>
  );
}

/** The active units of the region, by name; "the whole city" for a city-wide administrator's role. */
export function UnitSelect({
  id,
  units,
  value,
  onChange,
  cityWide,
}: {
  id: string;
  units: Unit[];
  value: string;
  onChange: (v: string) => void;
  cityWide: boolean;
}) {
  const { t } = useI18n();
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} required={!cityWide}>
      <option value="">{cityWide ? t('people.cityWide') : t('people.chooseUnit')}</option>
      {units
        .filter((u) => !u.deactivatedAt)
        .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
        .map((u) => (
          <option key={u.id} value={u.id}>
            {u.name} ({u.agencyCode})
          </option>
        ))}
    </select>
  );
}
