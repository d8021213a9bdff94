/** The schema DSL (authoring), and the two renderings the generator makes of it. See src/api/README.md. */
export * from './builders.js';
export type * from './types.js';
export { toOpenApi, type JsonSchema } from './openapi.js';
export { toStrictSchema, type CelTree, type StrictSchema } from './strict.js';
