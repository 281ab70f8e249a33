import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The frame of the sign-in and first-run screens. */
export function CenteredCard({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  return (
    <Center py="xl">
      <Paper withBorder shadow="sm" radius="md" p="xl" w="100%" maw={480}>
        <Stack gap="md">
          <Title order={2}>{title}</Title>
          {intro ? (
            <Text c="dimmed" size="sm">
              {intro}
            </Text>
          ) : null}
          {children}
        </Stack>
      </Paper>
    </Center>
  );
}
