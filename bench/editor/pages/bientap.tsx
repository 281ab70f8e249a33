import { installBientap } from './bientapPage';

await installBientap();
