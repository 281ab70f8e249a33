import { AppError } from '../../shared/errors';
import type { CoreContext } from '../context';
import { PublishError, type PublishAdapter } from './adapter';
import { readOrganisation } from '../organisation/settings';
import { createStaticAdapter, siteTitleOf } from './static';
import type { TargetRecord } from './targets';
import { needsEncryption, PLAIN_HTTP_REFUSED } from '../../shared/publishing';
import { createWordPressAdapter } from './wordpress/adapter';

/** The adapter for a configured site; the WordPress credential is decrypted here and nowhere else. */
export function adapterFor(ctx: CoreContext, target: TargetRecord): PublishAdapter {
  const config = target.config;
  if (config.kind === 'static') {
    return createStaticAdapter({
      folder: config.folder,
      baseUrl: config.baseUrl || null,
      siteTitle: config.siteTitle || siteTitleOf(readOrganisation(ctx).name),
    });
  }
  if (!target.sealedSecret) {
    throw new PublishError(
      'permanent',
      `Trang “${target.name}” chưa có mật khẩu ứng dụng. Hãy nhập lại trong Cài đặt → Trang đăng bài.`,
    );
  }
  let appPassword: string;
  try {
    appPassword = ctx.secrets.decrypt(target.sealedSecret);
  } catch {
    throw new PublishError(
      'permanent',
      `Không giải mã được mật khẩu ứng dụng của trang “${target.name}” trên máy này. Hãy nhập lại mật khẩu trong Cài đặt → Trang đăng bài.`,
    );
  }
  // A site saved before the rule, over plain http:// to another machine, stops until the administrator chooses.
  if (needsEncryption(config.siteUrl) && !config.allowPlainHttp)
    throw new PublishError('permanent', `Trang “${target.name}”: ${PLAIN_HTTP_REFUSED}`);
  return createWordPressAdapter({ siteUrl: config.siteUrl, user: config.user, appPassword, fetch: ctx.fetch });
}

export function assertAdapterAvailable(ctx: CoreContext, target: TargetRecord): void {
  try {
    adapterFor(ctx, target);
  } catch (error) {
    if (error instanceof PublishError) throw new AppError('INVALID_INPUT', error.message);
    throw error;
  }
}
