import { BrowserRouter, Route, Routes } from 'react-router';
import { HomePage } from './pages/HomePage.tsx';
import { SignInPage } from './pages/auth/SignInPage.tsx';
import { PasswordPage } from './pages/auth/PasswordPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PointRoomPage } from './pages/PointRoomPage.tsx';

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/" element={<HomePage />} />
        <Route path="/p/:slug" element={<PointRoomPage />} />
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/account/password" element={<PasswordPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </BrowserRouter>
  );
}
