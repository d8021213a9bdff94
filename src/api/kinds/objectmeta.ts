/** Kubernetes ObjectMeta as a strict message, so a misspelt metadata field is reported like any other. */
import { int64, list, map, msg, preserve, str } from '../schema/index.js';

export const ObjectMeta = msg({
  annotations: map(str()),
  creationTimestamp: preserve({ anyType: true }),
  deletionGracePeriodSeconds: int64(),
  deletionTimestamp: preserve({ anyType: true }),
  finalizers: list(str()),
  generateName: str(),
  generation: int64(),
  labels: map(str()),
  managedFields: list(preserve()),
  name: str(),
  namespace: str(),
  ownerReferences: list(preserve()),
  resourceVersion: str(),
  selfLink: str(),
  uid: str(),
});
