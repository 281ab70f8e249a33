/** A rectangle on screen, as `Range.getClientRects()` gives them. */
export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * The fixable finding whose underlined text is under the pointer (the right-click's place), or null.
 * `boxesOf` gives a finding's rectangles on screen (one per line its text spans).
 */
export function findingAtPoint<F extends { fixable: boolean }>(
  findings: readonly F[],
  boxesOf: (finding: F) => readonly Box[],
  x: number,
  y: number,
): F | null {
  for (const finding of findings) {
    if (!finding.fixable) continue;
    if (boxesOf(finding).some((box) => x >= box.left && x <= box.right && y >= box.top && y <= box.bottom))
      return finding;
  }
  return null;
}
