/** `manifest generate -o DIR`: one YAML file per component, named after it (`Base.yaml`, `Pilot.yaml`, ...). */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KubeObject } from '../kube/types.js';
import { renderObjectsYaml, type ManifestSet } from './render.js';

export async function writeComponentFiles(set: ManifestSet, dir: string): Promise<string[]> {
  const byComponent = new Map<string, KubeObject[]>();
  for (const { component, object } of set.objects) byComponent.set(component, [...(byComponent.get(component) ?? []), object]);
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [component, objects] of byComponent) {
    const path = join(dir, `${component}.yaml`);
    await writeFile(path, renderObjectsYaml(objects));
    written.push(path);
  }
  return written;
}
