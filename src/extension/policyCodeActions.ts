import * as vscode from 'vscode';
import { plainText, toSnippet, type TagFix, type TagInsertion } from '../core/policy/tagWriters/insertion';
import { loadCore } from './engineLoader';
import { log } from './log';
import { toRange } from './ranges';
import type { PolicyDiagnostics, PolicyEntry } from './policyDiagnostics';
import { FIX_ALL_KIND } from './codeActionKinds';

export const ADD_MISSING_TAGS_COMMAND = 'aiFinops.addMissingTags';

/**
 * Quick fixes for policy diagnostics: add missing tags (a command, so the inserted values are
 * tab stops), switch a previous-generation GPU type; and a fix-all source action.
 */
export class PolicyCodeActions implements vscode.CodeActionProvider {
  constructor(private readonly diagnostics: PolicyDiagnostics) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const entries = await this.diagnostics.entriesFor(document);
    const actions: vscode.CodeAction[] = [];
    if (!context.only || context.only.contains(vscode.CodeActionKind.QuickFix)) {
      for (const entry of entries.filter((e) => e.finding.range.start.line >= range.start.line && e.finding.range.start.line <= range.end.line)) {
        const action = quickFix(document, entry) ?? (await blockFixAction(document, entry).catch((e: unknown) => void log().error(`quick fix for ${entry.finding.resource} failed: ${String(e)}`)));
        if (action) actions.push(action);
      }
    }
    if (context.only?.intersects(FIX_ALL_KIND) || (!context.only && entries.some((e) => e.finding.missingTags))) {
      const fixAll = await fixAllAction(document, entries).catch((e: unknown) => void log().error(`tag fix for ${document.uri.fsPath} failed: ${String(e)}`));
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  }
}

function quickFix(document: vscode.TextDocument, entry: PolicyEntry): vscode.CodeAction | undefined {
  const { finding } = entry;
  if (finding.missingTags?.length) {
    const keys = finding.missingTags.map((k) => k.key).join(', ');
    const action = new vscode.CodeAction(`Add missing tags: ${keys}`, vscode.CodeActionKind.QuickFix);
    action.command = { command: ADD_MISSING_TAGS_COMMAND, title: action.title, arguments: [document.uri, finding.range.start.line] };
    action.isPreferred = true;
    return withDiagnostic(action, document, entry);
  }
  const r = finding.replacement;
  if (!r) return undefined;
  const range = toRange(r.range);
  const text = document.getText(range);
  const at = text.indexOf(r.oldText);
  if (at < 0) return undefined;
  const action = new vscode.CodeAction(r.title, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  const start = document.positionAt(document.offsetAt(range.start) + at);
  action.edit.replace(document.uri, new vscode.Range(start, start.translate(0, r.oldText.length)), r.newText);
  return withDiagnostic(action, document, entry);
}

/** A structural fix computed by core from the current text, applied as one workspace edit. */
async function blockFixAction(document: vscode.TextDocument, entry: PolicyEntry): Promise<vscode.CodeAction | undefined> {
  const fix = entry.finding.blockFix;
  if (fix?.kind !== 'terraform-spot-market') return undefined;
  const edit = await loadCore().spotMarketFix(document.uri.fsPath, document.getText(), fix.blockLine);
  if (!edit) return undefined;
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  for (const ins of edit.insertions) action.edit.insert(document.uri, document.positionAt(ins.offset), plainText(ins.parts));
  return withDiagnostic(action, document, entry);
}

function withDiagnostic(action: vscode.CodeAction, document: vscode.TextDocument, entry: PolicyEntry): vscode.CodeAction {
  const line = entry.finding.range.start.line;
  action.diagnostics = vscode.languages.getDiagnostics(document.uri).filter((d) => d.range.start.line === line && d.message === entry.finding.message);
  return action;
}

async function fixAllAction(document: vscode.TextDocument, entries: PolicyEntry[]): Promise<vscode.CodeAction | undefined> {
  const text = document.getText();
  const insertions: TagInsertion[] = [];
  for (const entry of entries) {
    if (!entry.finding.missingTags?.length) continue;
    const fix = await loadCore().tagFixFor(text, entry.item, entry.finding.missingTags);
    if (fix) insertions.push(...fix.insertions);
  }
  if (!insertions.length) return undefined;
  const action = new vscode.CodeAction('Add all missing cost-allocation tags', FIX_ALL_KIND);
  action.edit = new vscode.WorkspaceEdit();
  for (const ins of insertions) action.edit.insert(document.uri, document.positionAt(ins.offset), plainText(ins.parts));
  return action;
}

/**
 * The quick fix's command: inserts the missing keys with their values as tab stops. Parts
 * without placeholders (e.g. `merge(`) go in as a plain edit first, so the snippet itself is
 * one insertion and VS Code never re-indents original text.
 */
export function addMissingTagsCommand(diagnostics: PolicyDiagnostics): (uri: vscode.Uri, line: number) => Promise<boolean> {
  return async (uri: vscode.Uri, line: number) => {
    const document = await vscode.workspace.openTextDocument(uri);
    const entry = (await diagnostics.entriesFor(document)).find((e) => e.finding.range.start.line === line && e.finding.missingTags?.length);
    if (!entry?.finding.missingTags) return false;
    const fix = await loadCore().tagFixFor(document.getText(), entry.item, entry.finding.missingTags);
    if (!fix) return false;
    const editor = await vscode.window.showTextDocument(document);
    return insertWithTabStops(editor, fix);
  };
}

async function insertWithTabStops(editor: vscode.TextEditor, fix: TagFix): Promise<boolean> {
  const document = editor.document;
  const withStops = fix.insertions.filter((i) => i.parts.some((p) => typeof p !== 'string'));
  const plain = fix.insertions.filter((i) => !withStops.includes(i));
  const text = document.getText();
  if (plain.length) {
    const ok = await editor.edit((b) => plain.forEach((i) => b.insert(document.positionAt(i.offset), plainText(i.parts))), {
      undoStopBefore: true,
      undoStopAfter: false,
    });
    if (!ok) return false;
  }
  if (!withStops.length) return true;
  const shift = (offset: number) => plain.filter((p) => p.offset <= offset).reduce((a, p) => a + plainText(p.parts).length, 0);
  const snippets = withStops.map((i) => ({ at: i.offset + shift(i.offset), snippet: toSnippet(text, [i]).snippet }));
  // One snippet per insertion; tag fixes have exactly one with placeholders.
  const first = snippets[0];
  return editor.insertSnippet(new vscode.SnippetString(first.snippet), document.positionAt(first.at), { undoStopBefore: !plain.length, undoStopAfter: true });
}
