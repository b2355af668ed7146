/** The frame of every page: skip link, header with the sections the account may use, language, account. */
import { useEffect, useState, type ReactNode } from 'react';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { useI18n } from './i18n.tsx';
import { homeOf, isOfficer, useSession } from './session.tsx';
import { NOTIFICATIONS_CHANGED, unreadCount } from '../features/notifications/notifications.api.ts';

/** The account's unread notifications, asked again on each page, every minute, and when some are read here. */
function useUnreadCount(accountId: string | undefined, pathname: string): number {
  const [n, setN] = useState(0);
  useEffect(() => {
    if (!accountId) return setN(0);
    let live = true;
    const ask = () =>
      unreadCount().then(
        (c) => live && setN(c),
        () => undefined,
      );
    ask();
    const timer = window.setInterval(ask, 60_000);
    window.addEventListener(NOTIFICATIONS_CHANGED, ask);
    return () => {
      live = false;
      window.clearInterval(timer);
      window.removeEventListener(NOTIFICATIONS_CHANGED, ask);
    };
  }, [accountId, pathname]);
  return n;
}

export function Layout({ children }: { children: ReactNode }) {
  const { t, lang, setLang, pick } = useI18n();
  const { account, roles, roleId, switchRole, logout } = useSession();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const { pathname } = useLocation();
  const officer = isOfficer(account);
  const unread = useUnreadCount(account?.id, pathname);
  // the counter's rating tablet is a page of its own: applicants in front of it get no way elsewhere
  if (pathname === '/quay/danh-gia')
    return (
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    );
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to={officer ? '/mot-cua' : '/'} className="brand">
            <span className="brand-mark" aria-hidden="true">
              ★
            </span>
            <span>
              <strong>{officer ? t('brand.workspace') : t('brand.portal')}</strong>
              <small>{t('brand.tagline')}</small>
            </span>
          </Link>
          <button type="button" className="menu-toggle" aria-expanded={open} aria-controls="main-nav" onClick={() => setOpen(!open)}>
            {t('nav.menu')}
          </button>
          <nav id="main-nav" className={open ? 'open' : ''} aria-label={t('nav.label')} onClick={() => setOpen(false)}>
            {!officer && (
              <NavLink to="/" end>
                {t('nav.catalogue')}
              </NavLink>
            )}
            {!officer && <NavLink to="/tra-cuu">{t('nav.track')}</NavLink>}
            {!officer && account?.role !== 'administrator' && <NavLink to="/thong-ke">{t('nav.statistics')}</NavLink>}
            {account?.role === 'citizen' && <NavLink to="/ho-so">{t('nav.myDossiers')}</NavLink>}
            {account?.role === 'citizen' && <NavLink to="/giay-to">{t('papers.nav')}</NavLink>}
            {account?.role === 'citizen' && <NavLink to="/to-chuc">{t('nav.organisations')}</NavLink>}
            {officer && account?.role !== 'auditor' && (
              <NavLink to="/mot-cua" end>
                {t('nav.inbox')}
              </NavLink>
            )}
            {account?.role === 'receiving_officer' && <NavLink to="/mot-cua/tiep-nhan-truc-tiep">{t('nav.counter')}</NavLink>}
            {account?.role === 'receiving_officer' && <NavLink to="/quay/danh-gia">{t('nav.counterRating')}</NavLink>}
            {officer && <NavLink to="/mot-cua/don-vi">{t('nav.unit')}</NavLink>}
            {(account?.role === 'leader' || account?.role === 'auditor') && <NavLink to="/bang-dieu-khien">{t('dashboard.nav')}</NavLink>}
            {(account?.role === 'leader' || account?.role === 'auditor') && <NavLink to="/bao-cao">{t('nav.reports')}</NavLink>}
            {account?.role === 'auditor' && <NavLink to="/quan-tri/nhat-ky">{t('nav.adminLog')}</NavLink>}
            {account?.role === 'administrator' && <NavLink to="/quan-tri/thu-tuc">{t('nav.studio')}</NavLink>}
            {account?.role === 'administrator' && <NavLink to="/quan-tri/don-vi">{t('nav.units')}</NavLink>}
            {account?.role === 'administrator' && <NavLink to="/quan-tri/can-bo">{t('nav.people')}</NavLink>}
            {account?.role === 'administrator' && <NavLink to="/quan-tri/ngay-nghi">{t('nav.holidays')}</NavLink>}
            {account?.role === 'administrator' && <NavLink to="/quan-tri/thoi-gian-lam-viec">{t('workingTime.nav')}</NavLink>}
            {account?.role === 'administrator' && <NavLink to="/quan-tri/phieu-danh-gia">{t('nav.questionnaire')}</NavLink>}
            {account?.role === 'administrator' && <NavLink to="/quan-tri/nguong-diem">{t('nav.bands')}</NavLink>}
            <div className="nav-end">
              <div className="lang-switch" role="group" aria-label={t('nav.language')}>
                <button type="button" aria-pressed={lang === 'vi'} onClick={() => setLang('vi')} lang="vi">
                  VI
                </button>
                <button type="button" aria-pressed={lang === 'en'} onClick={() => setLang('en')} lang="en">
                  EN
                </button>
              </div>
              {account ? (
                <>
                  <span className="whoami" title={pick(account.roleName)}>
                    {account.fullName}
                  </span>
                  {roles.length > 1 && (
                    <label className="role-switch" onClick={(e) => e.stopPropagation()}>
                      <span>{t('nav.workingRole')}</span>
                      <select
                        value={roleId ?? ''}
                        onChange={async (e) => {
                          const a = await switchRole(e.target.value);
                          setOpen(false);
                          navigate(homeOf(a));
                        }}
                      >
                        {roles.map((r) => (
                          <option key={r.id} value={r.id}>
                            {pick(r.roleName)}
                            {r.unitName ? ` · ${r.unitName}` : ''}
                          </option>
                        ))}
                      </select>
                    </label>
                  )}
                  <NavLink to="/tai-khoan">{t('profile.nav')}</NavLink>
                  <NavLink to="/thong-bao" end className="notifications-link">
                    {t('inApp.nav')}
                    {unread > 0 && (
                      <>
                        {' '}
                        <span className="count-badge" aria-hidden="true">
                          {unread}
                        </span>
                        <span className="sr-only">, {t('inApp.navUnread', { n: unread })}</span>
                      </>
                    )}
                  </NavLink>
                  {account.hasPassword && <NavLink to="/doi-mat-khau">{t('nav.password')}</NavLink>}
                  <button
                    type="button"
                    className="link-button"
                    onClick={async () => {
                      await logout();
                      navigate('/');
                    }}
                  >
                    {t('nav.logout')}
                  </button>
                </>
              ) : (
                <>
                  <NavLink to="/dang-nhap">{t('nav.login')}</NavLink>
                  <NavLink to="/dang-ky">{t('nav.register')}</NavLink>
                </>
              )}
            </div>
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>{t('footer.text')}</p>
      </footer>
    </>
  );
}
