/** A JPEG photo of the given size, made here (no file on disk). */
export async function photo(width: number, height: number, background = '#2a6f97'): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  return sharp({ create: { width, height, channels: 3, background } })
    .jpeg()
    .toBuffer();
}
