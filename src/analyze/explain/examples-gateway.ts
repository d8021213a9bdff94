/** Failing/passing examples for Gateway and DestinationRule messages (run through the analyzers by explain.test.ts). */
import type { Example } from './index.js';

const ingress = `apiVersion: v1
kind: Pod
metadata: {name: ingress-1, namespace: istio-system, labels: {istio: ingressgateway}}
---
apiVersion: v1
kind: Service
metadata: {name: istio-ingressgateway, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  ports: [{name: http2, port: 80, targetPort: 8080}, {name: https, port: 443, targetPort: 8443}]
`;

const gateway = (name: string, extra: string) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: ${name}, namespace: shop}
spec:
  selector: {istio: ingressgateway}
  servers:
${extra}`;

const reviews = `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: shop}
spec: {selector: {app: reviews}, ports: [{name: http, port: 9080}]}
---
apiVersion: v1
kind: Pod
metadata: {name: reviews-v1-abc, namespace: shop, labels: {app: reviews, version: v1}}
`;

export const GATEWAY_EXAMPLES: Readonly<Record<string, Example>> = {
  IST0162: {
    snapshot: true,
    failing: `${ingress}---\n${gateway('web', '    - port: {number: 9000, name: http, protocol: HTTP}   # the Service sends to 8080 and 8443\n      hosts: ["*"]\n')}`,
    passing: `${ingress}---\n${gateway('web', '    - port: {number: 8080, name: http, protocol: HTTP}\n      hosts: ["*"]\n')}`,
  },
  IST0138: {
    failing: `${gateway('shop', '    - port: {number: 443, name: https, protocol: HTTPS}\n      hosts: [shop.example.com]\n      tls: {mode: SIMPLE, credentialName: wildcard-cert}\n')}---\n${gateway('blog', '    - port: {number: 443, name: https, protocol: HTTPS}\n      hosts: [blog.example.com]\n      tls: {mode: SIMPLE, credentialName: wildcard-cert}\n')}`,
    passing: `${gateway('sites', '    - port: {number: 443, name: https, protocol: HTTPS}\n      hosts: [shop.example.com, blog.example.com]\n      tls: {mode: SIMPLE, credentialName: wildcard-cert}\n')}`,
  },
  IST0145: {
    failing: `${gateway('shop', '    - port: {number: 80, name: http, protocol: HTTP}\n      hosts: [shop.example.com]\n')}---\n${gateway('all', '    - port: {number: 80, name: http, protocol: HTTP}\n      hosts: ["*.example.com"]\n')}`,
    passing: `${gateway('shop', '    - port: {number: 80, name: http, protocol: HTTP}\n      hosts: [shop.example.com]\n')}---\n${gateway('blog', '    - port: {number: 80, name: http, protocol: HTTP}\n      hosts: [blog.example.com]\n')}`,
  },
  IST0128: {
    failing: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: payments, namespace: shop}
spec:
  host: api.payments.example
  trafficPolicy:
    tls: {mode: SIMPLE}
`,
    passing: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: payments, namespace: shop}
spec:
  host: api.payments.example
  trafficPolicy:
    tls: {mode: SIMPLE, caCertificates: /etc/ssl/certs/ca-certificates.crt}
`,
  },
  IST0173: {
    snapshot: true,
    failing: `${reviews}---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: shop}
spec:
  host: reviews
  subsets: [{name: v2, labels: {version: v2}}]    # no reviews pod has version=v2
`,
    passing: `${reviews}---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: shop}
spec:
  host: reviews
  subsets: [{name: v1, labels: {version: v1}}]
`,
  },
  IST0174: {
    failing: `${reviews}---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: shop}
spec:
  host: reveiws
`,
    passing: `${reviews}---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: shop}
spec:
  host: reviews
`,
  },
};
