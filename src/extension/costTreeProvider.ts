import * as vscode from 'vscode';
import { lensTitle } from '../core/format/costFormat';
import { describeTotals, itemCostText, shortTotals } from '../core/format/costTotals';
import { groupItems, KIND_LABELS, type CostGroup, type Grouping } from '../core/format/costSummary';
import type { CostItem, CostKind } from '../core/model';
import { toRange } from './ranges';
import type { WorkspaceIndex } from './workspaceIndex';

type Node = { group: CostGroup } | { item: CostItem };

/** Every cost item of the workspace, grouped by file or kind, most expensive first; a click reveals the line. */
export class CostTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private grouping: Grouping = 'file';
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly index: WorkspaceIndex) {
    this.subscription = index.onDidChange(() => this.changed.fire());
  }

  setGrouping(grouping: Grouping): void {
    this.grouping = grouping;
    void vscode.commands.executeCommand('setContext', 'aiFinops.costItems.grouping', grouping);
    this.changed.fire();
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node && 'item' in node) return [];
    if (node) return node.group.items.map((item) => ({ item }));
    await this.index.ready();
    return groupItems(this.index.items, this.grouping, (f) => vscode.workspace.asRelativePath(f)).map((group) => ({ group }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if ('group' in node) {
      const { group } = node;
      const label = this.grouping === 'kind' ? KIND_LABELS[group.key as CostKind] ?? group.key : group.key;
      const tree = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
      tree.description = shortTotals(group.totals);
      tree.tooltip = describeTotals(group.totals);
      tree.iconPath = this.grouping === 'file' ? vscode.ThemeIcon.File : new vscode.ThemeIcon('symbol-class');
      if (this.grouping === 'file') tree.resourceUri = vscode.Uri.file(group.items[0].file);
      return tree;
    }
    const { item } = node;
    const tree = new vscode.TreeItem(item.resource, vscode.TreeItemCollapsibleState.None);
    tree.description = itemCostText(item);
    tree.tooltip = [lensTitle(item), ...item.assumptions].join('\n');
    tree.iconPath = new vscode.ThemeIcon(item.unpricedReason ? 'warning' : 'circle-filled');
    tree.command = {
      command: 'vscode.open',
      title: 'Reveal',
      arguments: [vscode.Uri.file(item.file), { selection: toRange(item.range).with({ end: toRange(item.range).start }) }],
    };
    return tree;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
