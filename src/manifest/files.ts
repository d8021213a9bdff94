/** `manifest generate -o DIR`: one YAML file per component, named after it (`Base.yaml`, `Pilot.yaml`, ...). Pure. */
import type { KubeObject } from '../kube/types.js';
import { renderObjectsYaml, type ManifestSet } from './render.js';

/** File name -> YAML text, one per component present in the set. */
export function componentFiles(set: ManifestSet): Map<string, string> {
  const byComponent = new Map<string, KubeObject[]>();
  for (const { component, object } of set.objects) byComponent.set(component, [...(byComponent.get(component) ?? []), object]);
  return new Map([...byComponent].map(([component, objects]) => [`${component}.yaml`, renderObjectsYaml(objects)]));
}
