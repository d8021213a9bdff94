/** Resources read from files, each knowing where it came from down to the line and column of any field. */

/** 1-based, as editors and compilers print them. */
export interface Position {
  line: number;
  col: number;
}

export interface Origin extends Position {
  /** The path as the user gave it (or `-` for stdin). */
  file: string;
  /** 0-based index of the YAML document in the file. */
  docIndex: number;
}

export type PathSegment = string | number;

export interface LoadedResource {
  apiVersion: string;
  kind: string;
  name: string;
  /** As written; undefined when the document does not set one. */
  namespace: string | undefined;
  /** The document as plain data (for `kind: List` items, the item). */
  object: Record<string, unknown>;
  /** Where the object starts. */
  origin: Origin;
  /** Position of the node at `path` (e.g. `['spec', 'gateways', 1]`), or of its nearest existing ancestor. */
  locate(path: readonly PathSegment[], at?: 'key' | 'value'): Position;
}

export type ProblemKind = 'syntax' | 'structure' | 'limit' | 'encoding' | 'io';

/** Something in the input that is not a usable resource; reported, never thrown. */
export interface LoadProblem extends Position {
  file: string;
  kind: ProblemKind;
  message: string;
}

export interface LoadResult {
  resources: LoadedResource[];
  problems: LoadProblem[];
}

export interface SourceText {
  /** File path as given, or `-` for stdin. */
  name: string;
  text: string;
}
