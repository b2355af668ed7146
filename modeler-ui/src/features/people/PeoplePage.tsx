/**
 * The people of an administrator's region (/quan-tri/can-bo): found by name, added one by one or imported
 * from an Excel sheet, and for the chosen person the details panel. A temporary password is shown once, at
 * the top, with what to do with it.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Notice, Problem } from '../../components/Problem.tsx';
import { unitsApi, type Unit } from '../units/units.api.ts';
import { ImportPeople } from './ImportPeople.tsx';
import { PersonDetails, UnitSelect } from './PersonDetails.tsx';
import { assignableRoles, peopleApi, type AssignableRole, type Person, type PersonInput } from './people.api.ts';

const PAGE = 50;
/** the most one list request returns; beyond it, a search narrows the list */
const MAX_LIMIT = 200;

function NewPerson({ units, onCreated }: { units: Unit[]; onCreated: (p: Person, secret: { username: string; password: string }) => Promise<void> }) {
  const { t } = useI18n();
  const { account } = useSession();
  const empty: PersonInput = { username: '', fullName: '', email: null, phone: null, role: 'specialist', orgUnitId: null };
  const [input, setInput] = useState<PersonInput>(empty);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await peopleApi.create(input);
      setInput(empty);
      await onCreated(r.person, { username: r.person.username, password: r.temporaryPassword });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="detail-panel" onSubmit={submit} noValidate>
      <label htmlFor="new-username">{t('people.username')}</label>
      <input
        id="new-username"
        autoComplete="off"
        required
        aria-describedby="new-username-hint"
        value={input.username}
        onChange={(e) => setInput({ ...input, username: e.target.value.trim() })}
      />
      <small id="new-username-hint" className="hint">
        {t('people.username.hint')}
      </small>
      <label htmlFor="new-name">{t('people.fullName')}</label>
      <input id="new-name" required value={input.fullName} onChange={(e) => setInput({ ...input, fullName: e.target.value })} />
      <label htmlFor="new-email">{t('people.email')}</label>
      <input id="new-email" type="email" value={input.email ?? ''} onChange={(e) => setInput({ ...input, email: e.target.value.trim() || null })} />
      <label htmlFor="new-phone">{t('people.phone')}</label>
      <input
        id="new-phone"
        inputMode="tel"
        maxLength={10}
        value={input.phone ?? ''}
        onChange={(e) => setInput({ ...input, phone: e.target.value.trim() || null })}
      />
      <label htmlFor="new-role">{t('people.role')}</label>
      <select id="new-role" value={input.role} onChange={(e) => setInput({ ...input, role: e.target.value as AssignableRole })}>
        {assignableRoles.map((r) => (
          <option key={r} value={r}>
            {t(`people.role.${r}`)}
          </option>
        ))}
      </select>
      <label htmlFor="new-unit">{t('people.unit')}</label>
      <UnitSelect
        id="new-unit"
        units={units}
        value={input.orgUnitId ?? ''}
        onChange={(v) => setInput({ ...input, orgUnitId: v || null })}
        cityWide={account?.orgUnitId === null && input.role === 'administrator'}
      />
      <Problem error={error} />
      <button type="submit" className="button primary" disabled={busy}>
        {t('people.add.do')}
      </button>
    </form>
  );
}

export function PeoplePage() {
  const { t } = useI18n();
  const [query, setQuery] = useState({ q: '', includeDisabled: false });
  const [typed, setTyped] = useState('');
  const [people, setPeople] = useState<{ items: Person[]; total: number } | null>(null);
  const [units, setUnits] = useState<Unit[]>([]);
  const [selected, setSelected] = useState<Person | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ username: string; password: string } | null>(null);
  const [limit, setLimit] = useState(PAGE);

  const load = useCallback(async () => {
    setPeople(await peopleApi.list({ q: query.q || undefined, includeDisabled: query.includeDisabled, limit }));
  }, [query, limit]);
  useEffect(() => {
    load().catch(setError);
  }, [load]);
  useEffect(() => {
    unitsApi.list().then((r) => setUnits(r.items), setError);
  }, []);

  const changed = async (p: Person, text: string, s?: { username: string; password: string }) => {
    setSelected(p);
    setNotice(text);
    setSecret(s ?? null);
    window.scrollTo({ top: 0 });
    await load();
  };

  return (
    <section className="container wide">
      <h1>{t('people.title')}</h1>
      <p>{t('people.intro')}</p>
      <Problem error={error} />
      {notice && <Notice kind="success">{notice}</Notice>}
      {secret && (
        <div className="alert alert-warning temporary-password" role="status">
          <p>{t('people.secret', { username: secret.username })}</p>
          <p>
            <code>{secret.password}</code>
          </p>
          <p>{t('people.secret.hint')}</p>
        </div>
      )}
      <details className="card">
        <summary>{t('people.add')}</summary>
        <NewPerson units={units} onCreated={(p, s) => changed(p, t('people.added', { name: p.fullName }), s)} />
      </details>
      <details className="card">
        <summary>{t('people.import')}</summary>
        <ImportPeople onImported={() => void load().catch(setError)} />
      </details>

      <div className="master-detail">
        <div className="master-list">
          <form
            role="search"
            className="people-search"
            onSubmit={(e) => {
              e.preventDefault();
              setLimit(PAGE);
              setQuery({ ...query, q: typed.trim() });
            }}
          >
            <label htmlFor="people-q">{t('people.search')}</label>
            <div className="inline">
              <input id="people-q" type="search" value={typed} onChange={(e) => setTyped(e.target.value)} />
              <button type="submit" className="button">
                {t('people.search.do')}
              </button>
            </div>
            <label className="checkbox">
              <input type="checkbox" checked={query.includeDisabled} onChange={(e) => setQuery({ ...query, includeDisabled: e.target.checked })} />{' '}
              {t('people.includeDisabled')}
            </label>
          </form>
          {!people ? (
            <p>{t('common.loading')}</p>
          ) : (
            <>
              <p aria-live="polite">{t('people.count', { total: people.total })}</p>
              <ul aria-label={t('people.list')}>
                {people.items.map((p) => (
                  <li key={p.id}>
                    <button
                      type="button"
                      className={`link-button${p.id === selected?.id ? ' selected' : ''}`}
                      aria-current={p.id === selected?.id ? 'true' : undefined}
                      onClick={() => {
                        setSelected(p);
                        setNotice(null);
                        setSecret(null);
                      }}
                    >
                      {p.fullName}
                    </button>{' '}
                    <small>
                      {p.username} · {p.roles.map((r) => `${t(`people.role.${r.role as AssignableRole}`)}${r.unitName ? ` (${r.unitName})` : ''}`).join(', ')}
                      {p.disabledAt && ` · ${t('people.disabled')}`}
                    </small>
                  </li>
                ))}
              </ul>
              {people.total > people.items.length &&
                (limit < MAX_LIMIT ? (
                  <button type="button" className="button" onClick={() => setLimit(Math.min(limit + PAGE, MAX_LIMIT))}>
                    {t('people.more')}
                  </button>
                ) : (
                  <p className="hint">{t('people.narrow')}</p>
                ))}
            </>
          )}
        </div>
        {selected ? (
          <PersonDetails
            key={`${selected.id}:${selected.roles.length}:${selected.disabledAt}:${selected.fullName}`}
            person={selected}
            units={units}
            onChanged={changed}
          />
        ) : (
          <p>{t('people.choose')}</p>
        )}
      </div>
    </section>
  );
}
