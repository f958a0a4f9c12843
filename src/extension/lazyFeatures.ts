import * as vscode from 'vscode';
import type { CommandRegistry, FeatureEvents } from './featureContract';
import type * as FeaturesBundle from './features';
import type { Features } from './features';

/** Resolved next to dist/extension.js at run time; scripts/build.mjs keeps it out of the bundle. */
const FEATURES_BUNDLE = './features.js';

type CommandHandler = (...args: unknown[]) => unknown;

/**
 * The features (`dist/features.js`, src/extension/features.ts), loaded once: by the first
 * request a provider, view or command registered at activation receives, or by the
 * background start a moment after activation, whichever comes first. Activation itself
 * only registers, so it never parses the features' code nor starts their watchers.
 */
export class LazyFeatures implements vscode.Disposable {
  readonly events: FeatureEvents = { analysisChanged: new vscode.EventEmitter<void>(), costItemsChanged: new vscode.EventEmitter<void>() };
  private readonly handlers = new Map<string, CommandHandler>();
  private loaded: { features: Features } | { error: unknown } | undefined;
  private backgroundTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    /** Commands registered at activation; the features' other commands are registered when they load. */
    private readonly registered: ReadonlySet<string>,
  ) {}

  /** The features, loading them if this is the first request; a failed load fails every request the same way. */
  get(trigger: string): Features {
    if (!this.loaded) {
      clearTimeout(this.backgroundTimer);
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime path into dist/, kept external by the build
        const bundle = require(FEATURES_BUNDLE) as typeof FeaturesBundle;
        this.loaded = { features: bundle.createFeatures(this.context, this.events, this.registry, { startedAt: Date.now(), trigger }) };
      } catch (error) {
        this.loaded = { error };
      }
    }
    if ('error' in this.loaded) throw this.loaded.error;
    return this.loaded.features;
  }

  /** What a command registered at activation runs: its handler from the features. */
  command(id: string): CommandHandler {
    this.get(`command ${id}`);
    const handler = this.handlers.get(id);
    if (!handler) throw new Error(`AI FinOps: command ${id} has no handler`);
    return handler;
  }

  /** The workspace index, the diagnostics of open files and the status bar total start without waiting for a request. */
  startInBackground(delayMs: number): void {
    this.backgroundTimer = setTimeout(() => {
      try {
        this.get('background start');
      } catch (e) {
        // The extension's own log lives in the bundle that failed; the host's log gets it.
        console.error('AI FinOps: features failed to load', e);
      }
    }, delayMs);
  }

  private readonly registry: CommandRegistry = {
    register: (id, handler) => {
      if (!this.registered.has(id)) return vscode.commands.registerCommand(id, handler);
      this.handlers.set(id, handler as CommandHandler);
      return new vscode.Disposable(() => this.handlers.delete(id));
    },
  };

  dispose(): void {
    clearTimeout(this.backgroundTimer);
    this.events.analysisChanged.dispose();
    this.events.costItemsChanged.dispose();
  }
}
