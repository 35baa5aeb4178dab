/**
 * ipcMain side of the contract: one handler per request channel; each checks the sender (one of our windows,
 * at the app:// origin, top frame) and hands the raw input to the host's dispatcher, which zod-parses it.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { REQUEST_CHANNELS, type Result } from '../common/ipc-contract.js';
import { isAppUrl } from './window-factory.js';

export type Dispatch = (channel: string, input: unknown) => Promise<Result<unknown>>;

export function trustedSender(e: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>, ourContents: () => readonly { id: number }[]): boolean {
  const frame = e.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url) && ourContents().some((wc) => wc.id === e.sender.id);
}

export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, dispatch: Dispatch, ourContents: () => readonly { id: number }[]): void {
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(channel, async (e, input: unknown): Promise<Result<unknown>> => {
      if (!trustedSender(e, ourContents)) return { ok: false, error: 'refused: unknown sender' };
      return dispatch(channel, input);
    });
  }
}
