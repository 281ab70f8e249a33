import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dates/styles.css';
import './styles.css';
import { MantineProvider, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { OfficeDates } from './components/dates';
import { installLifecycleFlush } from './autosave/lifecycle';
import { getBridge } from './bridge';
import { i18n } from './i18n';

// Taking the bridge first also takes the web host's access token out of the address bar.
const bridge = getBridge();
installLifecycleFlush(bridge);
// The desktop app's menus, dialogs and window title follow the language switch.
bridge.setLanguage(i18n.language === 'en' ? 'en' : 'vi');
i18n.on('languageChanged', (language) => bridge.setLanguage(language === 'en' ? 'en' : 'vi'));

const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  fontFamily: "'Noto Sans', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
});

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme}>
        <OfficeDates>
          <Notifications position="top-center" limit={3} />
          <App />
        </OfficeDates>
      </MantineProvider>
    </I18nextProvider>
  </StrictMode>,
);
