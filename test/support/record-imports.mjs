// Loaded with `node --import`: records every module specifier the program resolves into the file named by
// $SAILCTL_IMPORT_LOG (one per line), so a test can tell whether @kubernetes/client-node was ever loaded.
import { register } from 'node:module';

const hook = `import { appendFileSync } from 'node:fs';
let log;
export async function initialize(data) { log = data.log; }
export async function resolve(specifier, context, next) {
  if (log) appendFileSync(log, specifier + '\\n');
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`, { data: { log: process.env.SAILCTL_IMPORT_LOG } });
