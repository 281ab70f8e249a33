import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS } from '../shared/ipc';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld(
  'bientap',
  createBridge({
    call: (envelope) => ipcRenderer.invoke(IPC_CHANNELS.call, envelope),
    listen: (onMessage) => {
      ipcRenderer.on(IPC_CHANNELS.event, (_event, message: unknown) => onMessage(message));
    },
    flushed: () => ipcRenderer.send(IPC_CHANNELS.flushed),
    language: (language) => ipcRenderer.send(IPC_CHANNELS.language, language),
    suggestions: (suggestions) => ipcRenderer.send(IPC_CHANNELS.suggestions, suggestions),
  }),
);
