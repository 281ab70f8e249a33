import { notifications } from '@mantine/notifications';

/**
 * A short confirmation that an action changed something (saved, sent, published), shown in a
 * corner and gone by itself; errors stay where they happened, beside the action, until read.
 */
export function notifyDone(message: string, options: { warning?: boolean } = {}): void {
  notifications.show({
    message,
    color: options.warning ? 'orange' : 'teal',
    autoClose: options.warning ? 8_000 : 4_000,
    withBorder: true,
    // A confirmation is news, not an alarm: read out politely, and never taken for an error.
    role: 'status',
    'data-testid': 'toast',
  } as Parameters<typeof notifications.show>[0]);
}
