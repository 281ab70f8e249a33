import { Tooltip } from '@mantine/core';

/** The name of the toolbar button the pointer rests on, shown beside it. */
export function ToolbarTip({ label, target }: { label: string; target: HTMLElement }) {
  return <Tooltip label={label} target={target} opened withArrow />;
}
