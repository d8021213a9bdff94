/** Istio annotations of alpha-phase features (IST0136): the facts live with the analyzers' annotation facts. */
export { ALPHA_ANNOTATIONS } from '../analyze/istio-annotations.js';
