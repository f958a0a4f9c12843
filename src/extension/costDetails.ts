import * as vscode from 'vscode';
import { costDetailsMarkdown } from '../core/format/costDetailsMarkdown';
import type { CostItem } from '../core/model';
import type { PriceCatalog } from '../core/catalog/catalog';

export const DETAILS_SCHEME = 'ai-finops-details';

/**
 * The lens's click opens the item's details as a read-only markdown document, shown in the
 * markdown preview beside the code: every assumption in full, and the SKU's regional prices.
 * Each click gets its own URI, so the preview never shows an earlier item's text.
 */
export class CostDetailsDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private next = 0;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(DETAILS_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'These details are no longer available; click the lens again.';
  }

  /** Opens the details of `item`; returns the document's URI. */
  async show(catalog: PriceCatalog, item: CostItem): Promise<vscode.Uri> {
    const name = item.resource.replace(/[^\w.-]+/g, '-').slice(0, 80) || 'item';
    const uri = vscode.Uri.from({ scheme: DETAILS_SCHEME, path: `/${name}.md`, query: String(++this.next) });
    // Only the last few stay: each is a small string, and old previews are closed by the user.
    if (this.texts.size >= 20) this.texts.delete(this.texts.keys().next().value as string);
    this.texts.set(uri.toString(), costDetailsMarkdown(catalog, item));
    try {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    } catch {
      // Without the built-in markdown extension, the source is still readable.
      await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }
    return uri;
  }

  dispose(): void {
    this.registration.dispose();
    this.texts.clear();
  }
}
