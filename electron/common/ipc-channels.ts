/**
 * Channel names of the IPC contract, with no schema attached: the preload bundles only this file (no zod) and
 * refuses any other name. ipc-contract.ts gives every name here its zod schemas; a test checks both lists match.
 */
export const REQUEST_CHANNELS = [
  'app:info',
  'app:open-permission-settings',
  'run:start',
  'run:stop',
  'run:events',
  'approval:decide',
  'settings:get',
  'settings:set',
  'history:list',
  'history:get',
  'history:clear',
  'panel:hide',
  'endpoint:health',
  'endpoint:set-key',
  'models:list',
  'brain:status',
  'servers:detect',
  'magma:gpu-check',
  'magma:get-state',
  'magma:get-plan',
  'magma:get-start',
  'magma:get-cancel',
] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

/** Events pushed from main (or the browser shell) to every renderer. */
export const EVENT_CHANNELS = ['run:event', 'settings:changed', 'app:status', 'magma:get-progress'] as const;
export type EventChannel = (typeof EVENT_CHANNELS)[number];

export function isRequestChannel(name: unknown): name is RequestChannel {
  return typeof name === 'string' && (REQUEST_CHANNELS as readonly string[]).includes(name);
}
export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && (EVENT_CHANNELS as readonly string[]).includes(name);
}
