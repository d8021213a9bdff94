/** Istio's CustomResourceDefinitions for the base component: generated from sailctl's own schemas (src/api). */
export { istioCrds } from '../../api/crds.js';
