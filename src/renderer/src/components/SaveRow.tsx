import { Button, Group, Text } from '@mantine/core';
import { ErrorAlert } from './ErrorAlert';

/** The foot of a settings form: what went wrong, the save button, and "saved" once it is. */
export function SaveRow(props: {
  failure: unknown;
  busy: boolean;
  saved: boolean;
  label: string;
  savedLabel: string;
  testId: string;
}) {
  return (
    <>
      {props.failure !== null ? <ErrorAlert error={props.failure} /> : null}
      <Group>
        <Button type="submit" loading={props.busy} data-testid={props.testId}>
          {props.label}
        </Button>
        {props.saved ? (
          <Text size="sm" c="teal" role="status">
            {props.savedLabel}
          </Text>
        ) : null}
      </Group>
    </>
  );
}
