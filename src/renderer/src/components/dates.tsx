import { DatesProvider } from '@mantine/dates';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import 'dayjs/locale/vi';

/** Dates as the office writes them, whatever the computer's own language: day, month, year. */
export const DAY_FORMAT = 'DD/MM/YYYY';
export const DAY_TIME_FORMAT = 'DD/MM/YYYY HH:mm';

/** Calendars in the interface's language, weeks from Monday. */
export function OfficeDates({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en' : 'vi', firstDayOfWeek: 1 }}>
      {children}
    </DatesProvider>
  );
}
