import type * as vscode from 'vscode';

/**
 * What the activation side (extension.ts) hands the lazily loaded features (features.ts).
 * Type-only on this side of the split, so neither bundle pulls the other's code in.
 */

/** Relays for the change events VS Code subscribes to when a provider is registered, before the features exist. */
export interface FeatureEvents {
  /** Lenses and notebook cell totals are stale (the analyzer's results changed). */
  analysisChanged: vscode.EventEmitter<void>;
  /** The cost items view is stale. */
  costItemsChanged: vscode.EventEmitter<void>;
}

/** Handlers for the commands registered at activation; the first call of one loads the features. */
export interface CommandRegistry {
  register<A extends unknown[]>(id: string, handler: (...args: A) => unknown): vscode.Disposable;
}

/** When and why the features were loaded, for the log line that reports what loading cost. */
export interface FeatureLoad {
  /** `Date.now()` when loading began. */
  startedAt: number;
  /** What asked first: a provider, a command, or the background start. */
  trigger: string;
}
