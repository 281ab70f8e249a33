import { AppError } from '../../shared/errors';
import type { FeatureHandlers } from '../api/handler';
import { renderArrived } from './arrived';
import { imageHash, processImage } from './process';
import { findImage, readImageBytes, storeImage } from './repo';

/** Anyone who may write an article may put images in it; images are shared by hash. */
export const imageHandlers: FeatureHandlers<'images.upload' | 'images.get'> = {
  'images.upload': {
    access: 'article.create',
    async run(ctx, input, caller) {
      const bytes = Buffer.from(input.data, 'base64');
      // The same photo inserted again is answered from the store, without decoding it twice.
      const known = findImage(ctx.db, imageHash(bytes));
      if (known) return known;
      const image = await processImage(bytes);
      const stored = storeImage(ctx.db, image, caller.user.id, ctx.now().toISOString());
      ctx.office.imageStored();
      return stored;
    },
  },
  'images.get': {
    access: 'article.readOwn',
    async run(ctx, input) {
      // An image that arrived from the office server gets its rendition the first time it is shown.
      const found =
        readImageBytes(ctx.db, input.hash, input.rendition) ??
        ((await renderArrived(ctx.db, input.hash)) ? readImageBytes(ctx.db, input.hash, input.rendition) : null);
      if (!found) {
        const awaited = ctx.office.awaitingImage(input.hash);
        if (awaited)
          throw new AppError(
            'NOT_FOUND',
            `Ảnh này đang được tải về từ máy chủ văn phòng và sẽ hiện khi tải xong${awaited.problem ? ` (lần thử trước: ${awaited.problem})` : '.'}`,
          );
        throw new AppError('NOT_FOUND', 'Không tìm thấy ảnh này trong kho ảnh. Hãy chèn lại ảnh.');
      }
      return { mime: found.mime, data: found.bytes.toString('base64') };
    },
  },
};
