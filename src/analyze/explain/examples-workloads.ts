/** Failing/passing examples for namespace, pod, annotation and Service messages (run by explain.test.ts). */
import type { Example } from './index.js';

export const WORKLOAD_EXAMPLES: Readonly<Record<string, Example>> = {
  IST0102: {
    failing: `apiVersion: v1
kind: Namespace
metadata: {name: shop}
`,
    passing: `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio-injection: enabled}}
`,
  },
  IST0103: {
    failing: `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio-injection: enabled}}
---
apiVersion: v1
kind: Pod
metadata: {name: shop-1, namespace: shop}
spec: {containers: [{name: app, image: shop:1}]}     # created before injection was enabled
`,
    passing: `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio-injection: enabled}}
---
apiVersion: v1
kind: Pod
metadata: {name: shop-2, namespace: shop}
spec: {containers: [{name: app, image: shop:1}, {name: istio-proxy, image: docker.io/istio/proxyv2:1.31.4}]}
`,
  },
  IST0123: {
    failing: `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio-injection: enabled, istio.io/rev: canary}}
`,
    passing: `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio.io/rev: canary}}
`,
  },
  IST0107: {
    failing: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  namespace: shop
  annotations: {sidecar.istio.io/proxyCPU: 200m}     # on the Deployment: ignored
spec:
  template:
    spec: {containers: [{name: app, image: shop:1}]}
`,
    passing: `apiVersion: apps/v1
kind: Deployment
metadata: {name: shop, namespace: shop}
spec:
  template:
    metadata:
      annotations: {sidecar.istio.io/proxyCPU: 200m}
    spec: {containers: [{name: app, image: shop:1}]}
`,
  },
  IST0108: {
    failing: `apiVersion: v1
kind: Service
metadata:
  name: shop
  namespace: shop
  annotations: {networking.istio.io/exportTO: "."}
spec: {ports: [{name: http, port: 80}]}
`,
    passing: `apiVersion: v1
kind: Service
metadata:
  name: shop
  namespace: shop
  annotations: {networking.istio.io/exportTo: "."}
spec: {ports: [{name: http, port: 80}]}
`,
  },
  IST0125: {
    failing: `apiVersion: v1
kind: Pod
metadata:
  name: shop
  namespace: shop
  annotations: {traffic.sidecar.istio.io/excludeOutboundPorts: "http"}
spec: {containers: [{name: app, image: shop:1}]}
`,
    passing: `apiVersion: v1
kind: Pod
metadata:
  name: shop
  namespace: shop
  annotations: {traffic.sidecar.istio.io/excludeOutboundPorts: "80,443"}
spec: {containers: [{name: app, image: shop:1}]}
`,
  },
  IST0118: {
    failing: `apiVersion: v1
kind: Service
metadata: {name: shop, namespace: shop}
spec: {ports: [{name: web, port: 80}]}
`,
    passing: `apiVersion: v1
kind: Service
metadata: {name: shop, namespace: shop}
spec: {ports: [{name: http-web, port: 80}]}
`,
  },
  IST0136: {
    failing: `apiVersion: v1
kind: Pod
metadata:
  name: shop
  namespace: shop
  annotations: {sidecar.istio.io/enableCoreDump: "true"}
spec: {containers: [{name: shop, image: shop:1}]}
`,
    passing: `apiVersion: v1
kind: Pod
metadata: {name: shop, namespace: shop}
spec: {containers: [{name: shop, image: shop:1}]}
`,
  },
};
