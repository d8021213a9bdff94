/** What this build of sailctl is, and which Istio it installs by default. */
declare const __SAILCTL_VERSION__: string | undefined;

export const CLIENT_VERSION: string = typeof __SAILCTL_VERSION__ === 'string' ? __SAILCTL_VERSION__ : '0.0.0-dev';
/** The Istio API line sailctl's schemas and templates follow. */
export const ISTIO_API_VERSION = '1.32';
/** Images installed unless `--set hub=`/`tag=` say otherwise: the newest released Istio. */
export const DEFAULT_HUB = 'docker.io/istio';
export const DEFAULT_TAG = '1.31.4';
