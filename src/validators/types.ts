/** Shapes shared by the validator runtime and its generated modules. */
import type { CelTree } from '../api/schema/strict.js';

/** One ajv error, as the compiled validators report it (`messages: false`: we word them ourselves). */
export interface AjvError {
  instancePath: string;
  schemaPath?: string;
  keyword: string;
  params: Record<string, unknown>;
}

export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}

/** A generated module in src/validators/generated/. */
export interface CompiledValidatorModule {
  validate: CompiledValidator;
  rules: { rule: string; message: string }[];
  celTree: CelTree;
}
