/** Routes of the web app. Citizens' pages under Vietnamese paths; the officer workspace under /mot-cua. */
import { Suspense, lazy, type ReactNode } from 'react';
import { Navigate, Route, RouterProvider, Routes, createBrowserRouter, useLocation } from 'react-router';
import { I18nProvider, useI18n } from './i18n.tsx';
import { Layout } from './Layout.tsx';
import { SessionProvider, isOfficer, useSession, type Role } from './session.tsx';
import { CataloguePage } from '../features/catalogue/CataloguePage.tsx';
import { ProcedurePage } from '../features/catalogue/ProcedurePage.tsx';
import { LoginPage } from '../features/account/LoginPage.tsx';
import { RegisterPage } from '../features/account/RegisterPage.tsx';
import { ReceiptPage } from '../features/apply/ReceiptPage.tsx';
import { MyDossiersPage } from '../features/my-dossiers/MyDossiersPage.tsx';
import { TrackPage } from '../features/track/TrackPage.tsx';
import { InboxPage } from '../features/inbox/InboxPage.tsx';
import { UnitPage } from '../features/unit/UnitPage.tsx';
// the pages with a form-js form or a bpmn-js diagram load those libraries when first opened
const OfficerDossierPage = lazy(() => import('../features/officer-dossier/OfficerDossierPage.tsx').then((m) => ({ default: m.OfficerDossierPage })));
const CounterPage = lazy(() => import('../features/counter/CounterPage.tsx').then((m) => ({ default: m.CounterPage })));
const TaskPage = lazy(() => import('../features/task/TaskPage.tsx').then((m) => ({ default: m.TaskPage })));
const DossierPage = lazy(() => import('../features/my-dossiers/DossierPage.tsx').then((m) => ({ default: m.DossierPage })));
const PeoplePage = lazy(() => import('../features/people/PeoplePage.tsx').then((m) => ({ default: m.PeoplePage })));
const OrganisationsPage = lazy(() => import('../features/organisations/OrganisationsPage.tsx').then((m) => ({ default: m.OrganisationsPage })));
const SecondFactorPage = lazy(() => import('../features/account/SecondFactorPage.tsx').then((m) => ({ default: m.SecondFactorPage })));
const ProfilePage = lazy(() => import('../features/profile/ProfilePage.tsx').then((m) => ({ default: m.ProfilePage })));
const ForgotPasswordPage = lazy(() => import('../features/account/ForgotPasswordPage.tsx').then((m) => ({ default: m.ForgotPasswordPage })));
const ResetPasswordPage = lazy(() => import('../features/account/ResetPasswordPage.tsx').then((m) => ({ default: m.ResetPasswordPage })));
const ChangePasswordPage = lazy(() => import('../features/account/ChangePasswordPage.tsx').then((m) => ({ default: m.ChangePasswordPage })));
const NotificationSettingsPage = lazy(() =>
  import('../features/notifications/NotificationSettingsPage.tsx').then((m) => ({ default: m.NotificationSettingsPage })),
);
const WorkingTimePage = lazy(() => import('../features/working-time/WorkingTimePage.tsx').then((m) => ({ default: m.WorkingTimePage })));
const HolidaysPage = lazy(() => import('../features/holidays/HolidaysPage.tsx').then((m) => ({ default: m.HolidaysPage })));
const AdminLogPage = lazy(() => import('../features/audit/AdminLogPage.tsx').then((m) => ({ default: m.AdminLogPage })));
const ReportsPage = lazy(() => import('../features/reports/ReportsPage.tsx').then((m) => ({ default: m.ReportsPage })));
const DashboardPage = lazy(() => import('../features/dashboard/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })));
const StatisticsPage = lazy(() => import('../features/statistics/StatisticsPage.tsx').then((m) => ({ default: m.StatisticsPage })));
const UnitsPage = lazy(() => import('../features/units/UnitsPage.tsx').then((m) => ({ default: m.UnitsPage })));
const StudioListPage = lazy(() => import('../features/studio/StudioListPage.tsx').then((m) => ({ default: m.StudioListPage })));
const StudioVersionPage = lazy(() => import('../features/studio/StudioVersionPage.tsx').then((m) => ({ default: m.StudioVersionPage })));
const BandsPage = lazy(() => import('../features/indicator-bands/BandsPage.tsx').then((m) => ({ default: m.BandsPage })));
const QuestionnairesPage = lazy(() => import('../features/questionnaires/QuestionnairesPage.tsx').then((m) => ({ default: m.QuestionnairesPage })));
const CounterRatingPage = lazy(() => import('../features/counter-rating/CounterRatingPage.tsx').then((m) => ({ default: m.CounterRatingPage })));
const PaymentReturnPage = lazy(() => import('../features/payment/PaymentReturnPage.tsx').then((m) => ({ default: m.PaymentReturnPage })));
const NotificationsPage = lazy(() => import('../features/notifications/NotificationsPage.tsx').then((m) => ({ default: m.NotificationsPage })));
const VerifyPage = lazy(() => import('../features/verify/VerifyPage.tsx').then((m) => ({ default: m.VerifyPage })));
const PapersPage = lazy(() => import('../features/papers/PapersPage.tsx').then((m) => ({ default: m.PapersPage })));
const ApplyPage = lazy(() => import('../features/apply/ApplyPage.tsx').then((m) => ({ default: m.ApplyPage })));

/** Pages for logged-in users (of some roles): others go to the login page and come back. */
function Private({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { account, loading } = useSession();
  const { t } = useI18n();
  const location = useLocation();
  if (loading) return <p className="container">{t('common.loading')}</p>;
  if (!account) return <Navigate to={`/dang-nhap?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (account.passwordChangeRequired && location.pathname !== '/doi-mat-khau') return <Navigate to="/doi-mat-khau" replace />;
  if (account.secondFactorRequired && !account.passwordChangeRequired && location.pathname !== '/xac-thuc-hai-buoc')
    return <Navigate to="/xac-thuc-hai-buoc" replace />;
  if (roles && !roles.includes(account.role))
    return (
      <p className="container alert alert-error" role="alert">
        {t('error.notAllowed')}
      </p>
    );
  return <>{children}</>;
}

function Home() {
  const { account, loading } = useSession();
  if (!loading && isOfficer(account)) return <Navigate to="/mot-cua" replace />;
  if (!loading && account?.role === 'administrator') return <Navigate to="/quan-tri/thu-tuc" replace />;
  return <CataloguePage />;
}

const officers: Role[] = ['receiving_officer', 'specialist', 'leader', 'auditor'];

/** An auditor holds no tasks: the workspace opens on the dossiers they may search (closed ones too). */
function InboxOrUnit() {
  const { account } = useSession();
  return account?.role === 'auditor' ? <Navigate to="/mot-cua/don-vi" replace /> : <InboxPage />;
}

/**
 * A data router around the app's routes, so that a page with unsaved work can hold a navigation until the user
 * answers (useBlocker, e.g. the studio); the routes themselves stay declared below.
 */
const router = createBrowserRouter([{ path: '*', element: <Pages /> }]);

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </I18nProvider>
  );
}

function Pages() {
  return (
    <Layout>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/thu-tuc/:code" element={<ProcedurePage />} />
          <Route
            path="/thu-tuc/:code/nop-ho-so"
            element={
              <Private roles={['citizen']}>
                <ApplyPage />
              </Private>
            }
          />
          <Route path="/dang-nhap" element={<LoginPage />} />
          <Route path="/dang-ky" element={<RegisterPage />} />
          <Route path="/quen-mat-khau" element={<ForgotPasswordPage />} />
          <Route path="/dat-lai-mat-khau" element={<ResetPasswordPage />} />
          <Route path="/tra-cuu" element={<TrackPage />} />
          <Route path="/thong-ke" element={<StatisticsPage />} />
          <Route path="/tra-cuu/:key" element={<TrackPage />} />
          <Route path="/xac-thuc" element={<VerifyPage />} />
          <Route path="/xac-thuc/:key" element={<VerifyPage />} />
          <Route
            path="/ho-so"
            element={
              <Private roles={['citizen']}>
                <MyDossiersPage />
              </Private>
            }
          />
          <Route
            path="/ho-so/:id"
            element={
              <Private roles={['citizen']}>
                <DossierPage />
              </Private>
            }
          />
          <Route
            path="/giay-to"
            element={
              <Private roles={['citizen']}>
                <PapersPage />
              </Private>
            }
          />
          <Route
            path="/thanh-toan/ket-qua"
            element={
              <Private roles={['citizen']}>
                <PaymentReturnPage />
              </Private>
            }
          />
          <Route
            path="/ho-so/:id/bien-nhan"
            element={
              <Private>
                <ReceiptPage />
              </Private>
            }
          />
          <Route
            path="/mot-cua"
            element={
              <Private roles={officers}>
                <InboxOrUnit />
              </Private>
            }
          />
          <Route
            path="/mot-cua/cong-viec/:taskId"
            element={
              <Private roles={officers}>
                <TaskPage />
              </Private>
            }
          />
          <Route
            path="/mot-cua/ho-so/:id"
            element={
              <Private roles={officers}>
                <OfficerDossierPage />
              </Private>
            }
          />
          <Route
            path="/mot-cua/tiep-nhan-truc-tiep"
            element={
              <Private roles={['receiving_officer']}>
                <CounterPage />
              </Private>
            }
          />
          <Route
            path="/bang-dieu-khien"
            element={
              <Private roles={['leader', 'auditor']}>
                <DashboardPage />
              </Private>
            }
          />
          <Route
            path="/bao-cao"
            element={
              <Private roles={['leader', 'auditor']}>
                <ReportsPage />
              </Private>
            }
          />
          <Route
            path="/quan-tri/nhat-ky"
            element={
              <Private roles={['auditor']}>
                <AdminLogPage />
              </Private>
            }
          />
          <Route
            path="/mot-cua/don-vi"
            element={
              <Private roles={officers}>
                <UnitPage />
              </Private>
            }
          />
          <Route
            path="/tai-khoan"
            element={
              <Private>
                <ProfilePage />
              </Private>
            }
          />
          <Route
            path="/doi-mat-khau"
            element={
              <Private>
                <ChangePasswordPage />
              </Private>
            }
          />
          <Route
            path="/thong-bao"
            element={
              <Private>
                <NotificationsPage />
              </Private>
            }
          />
          <Route
            path="/thong-bao/cai-dat"
            element={
              <Private>
                <NotificationSettingsPage />
              </Private>
            }
          />
          <Route
            path="/to-chuc"
            element={
              <Private roles={['citizen']}>
                <OrganisationsPage />
              </Private>
            }
          />
          <Route
            path="/xac-thuc-hai-buoc"
            element={
              <Private>
                <SecondFactorPage />
              </Private>
            }
          />
          <Route
            path="/quan-tri/can-bo"
            element={
              <Private roles={['administrator']}>
                <PeoplePage />
              </Private>
            }
          />
          <Route
            path="/quan-tri/nguong-diem"
            element={
              <Private roles={['administrator']}>
                <BandsPage />
              </Private>
            }
          />
          <Route
            path="/quan-tri/phieu-danh-gia"
            element={
              <Private roles={['administrator']}>
                <QuestionnairesPage />
              </Private>
            }
          />
          {/* the counter's tablet: opened by a receiving officer, then used without anyone's login */}
          <Route path="/quay/danh-gia" element={<CounterRatingPage />} />
          <Route
            path="/quan-tri/thoi-gian-lam-viec"
            element={
              <Private roles={['administrator']}>
                <WorkingTimePage />
              </Private>
            }
          />
          <Route
            path="/quan-tri/ngay-nghi"
            element={
              <Private roles={['administrator']}>
                <HolidaysPage />
              </Private>
            }
          />
          <Route
            path="/quan-tri/don-vi"
            element={
              <Private roles={['administrator']}>
                <UnitsPage />
              </Private>
            }
          />
          <Route
            path="/quan-tri/thu-tuc"
            element={
              <Private roles={['administrator']}>
                <StudioListPage />
              </Private>
            }
          />
          <Route
            path="/quan-tri/thu-tuc/phien-ban/:versionId"
            element={
              <Private roles={['administrator']}>
                <StudioVersionPage />
              </Private>
            }
          />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}

function Loading() {
  const { t } = useI18n();
  return <p className="container">{t('common.loading')}</p>;
}

function NotFound() {
  const { t } = useI18n();
  return (
    <section className="container">
      <h1>{t('error.notFoundTitle')}</h1>
      <p>{t('error.notFound')}</p>
    </section>
  );
}
