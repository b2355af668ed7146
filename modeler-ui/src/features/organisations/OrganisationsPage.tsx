/**
 * «Tổ chức của tôi» (/to-chuc): the businesses a citizen acts for. Registering one by its tax code makes the
 * citizen its legal representative, who authorises others by their user name (and withdraws them, after a
 * confirmation). Anyone acting for it files dossiers for it from the application page.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { Notice, Problem } from '../../components/Problem.tsx';
import { organisationsApi, type Organisation } from './organisations.api.ts';

function OrganisationCard({ org, onChanged }: { org: Organisation; onChanged: (o: Organisation, notice: string) => void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [confirm, setConfirm] = useState<{ accountId: string; name: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (f: () => Promise<Organisation>, notice: string) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await f(), notice);
      setUsername('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      setConfirm(null);
    }
  };
  return (
    <article className="card" aria-labelledby={`org-${org.id}`}>
      <h2 id={`org-${org.id}`}>{org.name}</h2>
      <p>
        {t('org.taxCode')}: <span className="mono">{org.taxCode}</span>
        {org.address && ` · ${org.address}`}
      </p>
      <h3>{t('org.members')}</h3>
      <ul className="held-roles">
        {org.members.map((m) => (
          <li key={m.accountId}>
            <span>
              {m.fullName} ({m.username}) · {t(m.role === 'representative' ? 'org.representative' : 'org.authorised')}
            </span>
            {org.myRole === 'representative' && m.role === 'authorised' && (
              <button type="button" className="link-button" onClick={() => setConfirm({ accountId: m.accountId, name: m.fullName })}>
                {t('org.withdraw')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {confirm && (
        <div className="alert alert-warning" role="alertdialog" aria-labelledby={`withdraw-${org.id}`}>
          <p id={`withdraw-${org.id}`}>{t('org.withdraw.confirm', { name: confirm.name, org: org.name })}</p>
          <button
            type="button"
            className="button danger"
            disabled={busy}
            onClick={() => run(() => organisationsApi.withdraw(org.id, confirm.accountId), t('org.withdrawn'))}
          >
            {t('org.withdraw.yes')}
          </button>{' '}
          <button type="button" className="button" onClick={() => setConfirm(null)}>
            {t('units.cancel')}
          </button>
        </div>
      )}
      <Problem error={error} />
      {org.myRole === 'representative' && (
        <form
          className="stack"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => organisationsApi.authorise(org.id, username.trim()), t('org.authorised.done'));
          }}
        >
          <label>
            {t('org.authorise.username')}
            <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" required />
          </label>
          <button type="submit" className="button" disabled={busy}>
            {t('org.authorise')}
          </button>
        </form>
      )}
    </article>
  );
}

export function OrganisationsPage() {
  const { t } = useI18n();
  const [items, setItems] = useState<Organisation[] | null>(null);
  const [input, setInput] = useState({ taxCode: '', name: '', address: '' });
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => organisationsApi.mine().then((r) => setItems(r.items), setError), []);
  useEffect(() => {
    void load();
  }, [load]);
  const register = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const org = await organisationsApi.register({ taxCode: input.taxCode.trim(), name: input.name.trim(), address: input.address.trim() || null });
      setNotice(t('org.registered', { name: org.name }));
      setInput({ taxCode: '', name: '', address: '' });
      await load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="container">
      <h1>{t('org.title')}</h1>
      <p>{t('org.intro')}</p>
      {notice && <Notice kind="success">{notice}</Notice>}
      {items === null ? (
        <p>{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p>{t('org.none')}</p>
      ) : (
        items.map((o) => (
          <OrganisationCard
            key={o.id}
            org={o}
            onChanged={(changed, text) => {
              setItems(items.map((x) => (x.id === changed.id ? changed : x)));
              setNotice(text);
            }}
          />
        ))
      )}
      <details className="card">
        <summary>{t('org.register')}</summary>
        <form className="stack" onSubmit={register} noValidate>
          <label>
            {t('org.taxCode')}
            <input
              inputMode="numeric"
              value={input.taxCode}
              onChange={(e) => setInput({ ...input, taxCode: e.target.value })}
              required
              aria-describedby="tax-code-hint"
            />
          </label>
          <small id="tax-code-hint" className="hint">
            {t('org.taxCode.hint')}
          </small>
          <label>
            {t('org.name')}
            <input value={input.name} onChange={(e) => setInput({ ...input, name: e.target.value })} required />
          </label>
          <label>
            {t('org.address')}
            <input value={input.address} onChange={(e) => setInput({ ...input, address: e.target.value })} />
          </label>
          <Problem error={error} />
          <button type="submit" className="button primary" disabled={busy}>
            {t('org.register.do')}
          </button>
        </form>
      </details>
    </section>
  );
}
