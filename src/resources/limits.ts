/** Input size limits shared by every reader (kept free of the yaml package, so kube-inject's fast path can use them). */

/** Largest document accepted, as the Kubernetes API server's request limit order of magnitude. */
export const MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;

/** Largest stream (file or stdin) accepted by default: four documents' worth; `--max-input-size` changes it. */
export const DEFAULT_MAX_INPUT_BYTES = 4 * MAX_DOCUMENT_BYTES;
