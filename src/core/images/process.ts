import { createHash } from 'node:crypto';
import sharp, { type OutputInfo } from 'sharp';
import { AppError } from '../../shared/errors';

/** Decoding stops beyond this many pixels: a 60-megapixel photo passes, a decompression bomb does not. */
export const MAX_INPUT_PIXELS = 60_000_000;
/** Accepted as sent: a full-size camera JPEG; base64 in one API call stays under the transport limit. */
export const MAX_IMAGE_BYTES = 11 * 1024 * 1024;
/** The longer side of the rendition the editor shows and the site serves. */
export const WEB_MAX_SIDE = 1600;

export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif';

export interface ProcessedImage {
  hash: string;
  mime: ImageMime;
  width: number;
  height: number;
  bytes: Buffer;
  web: { mime: 'image/jpeg' | 'image/png' | 'image/webp'; width: number; height: number; bytes: Buffer };
}

/** The key an image is stored under: SHA-256 of its bytes as received. */
export function imageHash(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const refuse = (message: string) => new AppError('INVALID_INPUT', message);

/** The format by its first bytes, never by a name or a claimed type. */
export function sniffImage(bytes: Buffer): ImageMime | 'svg' | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP')
    return 'image/webp';
  if (/^GIF8[79]a/.test(bytes.subarray(0, 6).toString('latin1'))) return 'image/gif';
  const head = bytes
    .subarray(0, 1024)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (/^<(\?xml|svg|!DOCTYPE svg)/i.test(head) || /<svg[\s>]/i.test(head)) return 'svg';
  return null;
}

export interface ImageHeader {
  mime: ImageMime;
  width: number;
  height: number;
}

const DECODE = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated' as const, animated: false };

/**
 * What an image's header says, without decoding its pixels: refuses, with a message saying what to
 * do, SVG (it can carry scripts), anything that is not a photo format, images over the pixel limit
 * (decompression bombs), and files whose header cannot be read.
 */
export async function readImageHeader(bytes: Buffer): Promise<ImageHeader> {
  if (bytes.length === 0) throw refuse('Tệp ảnh rỗng. Hãy chọn lại ảnh.');
  if (bytes.length > MAX_IMAGE_BYTES) throw refuse('Ảnh lớn hơn 11 MB. Hãy giảm kích thước ảnh rồi chèn lại.');
  const mime = sniffImage(bytes);
  if (mime === 'svg')
    throw refuse('Không nhận ảnh SVG vì loại tệp này có thể chứa mã chạy được. Hãy dùng ảnh JPEG, PNG hoặc WebP.');
  if (!mime) throw refuse('Tệp này không phải ảnh JPEG, PNG, WebP hoặc GIF. Hãy chọn một tệp ảnh.');

  let width: number;
  let height: number;
  try {
    // Reading the header decodes no pixels, so it runs without the limit and can say how big the image claims to be.
    const meta = await sharp(bytes, { ...DECODE, limitInputPixels: false }).metadata();
    width = meta.width;
    height = meta.height;
  } catch {
    throw refuse('Không đọc được ảnh này: tệp bị hỏng hoặc không đúng định dạng. Hãy chọn ảnh khác.');
  }
  if (!width || !height || width * height > MAX_INPUT_PIXELS)
    throw refuse(
      `Ảnh quá lớn (${width ?? '?'}×${height ?? '?'} điểm ảnh, tối đa ${MAX_INPUT_PIXELS / 1_000_000} triệu). Hãy thu nhỏ ảnh rồi chèn lại.`,
    );
  return { mime, width, height };
}

/**
 * Checks and decodes an image a reporter inserted, and makes its web rendition: refuses what
 * readImageHeader refuses, and truncated or damaged files.
 */
export async function processImage(bytes: Buffer, header?: ImageHeader): Promise<ProcessedImage> {
  const { mime, width, height } = header ?? (await readImageHeader(bytes));
  const webMime = mime === 'image/png' || mime === 'image/gif' ? 'image/png' : 'image/jpeg';
  let web: { data: Buffer; info: OutputInfo };
  try {
    // Decoding every pixel here is what finds a truncated file; the rendition comes with it.
    const pipeline = sharp(bytes, DECODE)
      .rotate()
      .resize({ width: WEB_MAX_SIDE, height: WEB_MAX_SIDE, fit: 'inside', withoutEnlargement: true });
    web = await (webMime === 'image/png' ? pipeline.png() : pipeline.jpeg({ quality: 82, mozjpeg: true })).toBuffer({
      resolveWithObject: true,
    });
  } catch {
    throw refuse('Ảnh bị hỏng hoặc chưa tải xong (tệp bị cắt cụt). Hãy chép lại ảnh gốc rồi chèn lại.');
  }
  return {
    hash: imageHash(bytes),
    mime,
    width,
    height,
    bytes,
    web: { mime: webMime, width: web.info.width, height: web.info.height, bytes: web.data },
  };
}
