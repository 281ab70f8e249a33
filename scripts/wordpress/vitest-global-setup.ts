import type { TestProject } from 'vitest/node';
import { startWordPress } from '../lib/wordpress.mjs';

export interface WordPressSite {
  url: string;
  user: string;
  appPassword: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    wordpress: WordPressSite;
  }
}

/**
 * Hands the *.wp.test.ts files their WordPress: the one in the environment (npm test starts one and
 * exports BIENTAP_WP_URL, BIENTAP_WP_USER, BIENTAP_WP_APP_PASSWORD), else a fresh one for this run.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const { BIENTAP_WP_URL: url, BIENTAP_WP_USER: user, BIENTAP_WP_APP_PASSWORD: appPassword } = process.env;
  if (url && user && appPassword) {
    project.provide('wordpress', { url, user, appPassword });
    return;
  }
  const wordpress = await startWordPress({ log: (line) => console.log(line) });
  project.provide('wordpress', { url: wordpress.url, user: wordpress.user, appPassword: wordpress.appPassword });
  return () => wordpress.stop();
}
