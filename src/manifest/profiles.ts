/** The install profiles embedded at build time (profiles/*.yaml): names, descriptions, and each one laid on default. */
import { InputError } from '../errors.js';
import { PROFILES, type EmbeddedProfile } from './generated/profiles.js';
import { getPath, overlay, type Tree } from './merge.js';

export const DEFAULT_PROFILE = 'default';

export function profileNames(): string[] {
  return PROFILES.map((p) => p.name);
}

export function listProfiles(): ReadonlyArray<Pick<EmbeddedProfile, 'name' | 'description'>> {
  return PROFILES.map(({ name, description }) => ({ name, description }));
}

function find(name: string): EmbeddedProfile {
  const found = PROFILES.find((p) => p.name === name);
  if (!found) throw new InputError(`unknown profile "${name}"`, { details: [`available profiles: ${profileNames().join(', ')}`] });
  return found;
}

/** The IstioOperator `spec` of a profile: the default profile with the named one laid on top. */
export function profileSpec(name: string): Tree {
  const base = find(DEFAULT_PROFILE).spec;
  return name === DEFAULT_PROFILE ? overlay({}, base) : overlay(base, find(name).spec);
}

/** The whole IstioOperator document `profile dump` prints. */
export function profileOperator(name: string): Tree {
  return {
    apiVersion: 'install.istio.io/v1alpha1',
    kind: 'IstioOperator',
    metadata: { namespace: String(getPath(profileSpec(name), ['values', 'global', 'istioNamespace']) ?? 'istio-system') },
    spec: { ...profileSpec(name), profile: name },
  };
}
