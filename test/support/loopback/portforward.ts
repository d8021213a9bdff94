/** Port-forward over WebSocket (v4.channel.k8s.io) — see attachPortForward. */
import type { Server } from 'node:https';
import type { ServerState } from './server.js';

export type PortForwardHandler = (req: { namespace: string; pod: string; port: number; request: string }) => string | undefined;

export function attachPortForward(server: Server, state: ServerState, handlers: PortForwardHandler[]): void {
  void server;
  void state;
  void handlers;
}
