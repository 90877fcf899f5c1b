import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { HomePage } from './pages/HomePage.tsx';
import { SignInPage } from './pages/auth/SignInPage.tsx';
import { PasswordPage } from './pages/auth/PasswordPage.tsx';
import { PointsPage } from './pages/admin/PointsPage.tsx';
import { PointPage } from './pages/admin/PointPage.tsx';
import { ProvidersPage } from './pages/admin/ProvidersPage.tsx';
import { AgreementsPage } from './pages/admin/AgreementsPage.tsx';
import { AccountsPage } from './pages/admin/AccountsPage.tsx';
import { AuditPage } from './pages/admin/AuditPage.tsx';
import { QualityPolicyPage } from './quality/QualityPolicyPage.tsx';
import { ProviderAdminPage } from './pages/admin/ProviderAdminPage.tsx';
import { FormTemplatesPage } from './pages/provider/FormTemplatesPage.tsx';
import { AdvisorPage } from './pages/admin/AdvisorPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PointRoomPage } from './pages/PointRoomPage.tsx';
import { StaffDirectoryPage } from './pages/staff/StaffDirectoryPage.tsx';
import { AgendaPage } from './pages/agenda/AgendaPage.tsx';
import { BookableTimesPage } from './pages/booking/BookableTimesPage.tsx';
import { BookPage } from './pages/booking/BookPage.tsx';
import { DayViewPage } from './pages/booking/DayViewPage.tsx';

// The report screens carry the charting library: loaded only when opened.
const ReportsPage = lazy(() => import('./pages/reports/ReportsPage.tsx').then((m) => ({ default: m.ReportsPage })));
const PilotPage = lazy(() => import('./pages/reports/PilotPage.tsx').then((m) => ({ default: m.PilotPage })));

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/" element={<HomePage />} />
        <Route path="/p/:slug" element={<PointRoomPage />} />
        <Route path="/staff" element={<StaffDirectoryPage />} />
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/account/password" element={<PasswordPage />} />
        <Route path="/admin" element={<Navigate to="/admin/points" replace />} />
        <Route path="/admin/points" element={<PointsPage />} />
        <Route path="/admin/points/new" element={<PointPage />} />
        <Route path="/admin/points/:id" element={<PointPage />} />
        <Route path="/admin/providers" element={<ProvidersPage />} />
        <Route path="/admin/agreements" element={<AgreementsPage />} />
        <Route path="/admin/accounts" element={<AccountsPage />} />
        <Route path="/admin/audit" element={<AuditPage />} />
        <Route path="/admin/quality" element={<QualityPolicyPage />} />
        <Route path="/provider" element={<ProviderAdminPage />} />
        <Route path="/provider/forms" element={<FormTemplatesPage />} />
        <Route path="/advisor" element={<AdvisorPage />} />
        <Route path="/provider/booking" element={<BookableTimesPage />} />
        <Route path="/advisor/day" element={<DayViewPage />} />
        <Route path="/advisor/book" element={<BookPage />} />
        <Route path="/agenda" element={<AgendaPage />} />
        <Route path="/reports" element={<Suspense fallback={null}><ReportsPage /></Suspense>} />
        <Route path="/reports/pilot" element={<Suspense fallback={null}><PilotPage /></Suspense>} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </BrowserRouter>
  );
}
