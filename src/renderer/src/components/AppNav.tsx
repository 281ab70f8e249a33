import { Badge, Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Route } from '../router';

export interface NavItem {
  route: Route;
  label: string;
  count?: number;
  testId: string;
}

/** The screens this user has, as a row of buttons under the header; the current one is filled. */
export function AppNav({ items, current, onGo }: { items: NavItem[]; current: Route; onGo: (route: Route) => void }) {
  const { t } = useTranslation();
  if (items.length < 2) return null;
  return (
    <Group component="nav" aria-label={t('nav.label')} gap="xs" mb="md" className="bt-no-print">
      {items.map((item) => {
        const active = item.route.name === current.name;
        return (
          <Button
            key={item.testId}
            size="xs"
            variant={active ? 'filled' : 'default'}
            aria-current={active ? 'page' : undefined}
            data-testid={item.testId}
            onClick={() => onGo(item.route)}
            rightSection={
              item.count ? (
                <Badge size="xs" circle color={active ? 'white' : 'red'} c={active ? 'indigo' : undefined}>
                  {item.count}
                </Badge>
              ) : null
            }
          >
            {item.label}
          </Button>
        );
      })}
    </Group>
  );
}
