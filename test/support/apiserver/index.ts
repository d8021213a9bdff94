/**
 * The loopback Kubernetes API server used by integration tests, the demo and `npm run dev-cluster`.
 * The implementation lives in ../loopback/; this is the stable import path the tests use.
 */
export * from '../loopback/index.js';
