/**
 * DOM building for the panel. Text always goes through textContent, so a team called
 * `<img src=x onerror=alert(1)>` is shown as those characters, never parsed as HTML.
 */
type Attrs = Record<string, string | number | boolean | undefined>;
type Child = Node | string | number | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): HTMLElementTagNameMap[K];
export function el(tag: string, attrs?: Attrs, ...children: Child[]): HTMLElement;
export function el(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    node.setAttribute(k, v === true ? '' : String(v));
  }
  append(node, children);
  return node;
}

export function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** A table from header labels and rows of cells (strings or nodes). */
export function table(caption: string, headers: string[], rows: Child[][], numericFrom = 1): HTMLTableElement {
  const t = el('table', { class: 'data' }, el('caption', {}, caption));
  const head = el('tr', {}, ...headers.map((h, i) => el('th', { scope: 'col', class: i >= numericFrom ? 'num' : undefined }, h)));
  t.appendChild(el('thead', {}, head));
  const body = el('tbody');
  for (const r of rows) body.appendChild(el('tr', {}, ...r.map((c, i) => el('td', { class: i >= numericFrom ? 'num' : undefined }, c))));
  t.appendChild(body);
  return t;
}
