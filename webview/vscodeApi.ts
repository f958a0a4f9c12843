import type { PanelData, PanelRequest, ToHost } from '../src/shared/messages';

/** What the panel keeps across hide/show and reloads: the controls and the last good data. */
export interface PanelState {
  request: PanelRequest;
  showTables: boolean;
  data?: PanelData;
}

interface VsCodeApi {
  postMessage(message: ToHost): void;
  getState(): PanelState | undefined;
  setState(state: PanelState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** acquireVsCodeApi may be called once per page. */
export const vscode: VsCodeApi = acquireVsCodeApi();
