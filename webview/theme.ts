/** Colours from the VS Code theme, read when drawing and again when the theme changes. */
export interface ThemeColors {
  foreground: string;
  muted: string;
  grid: string;
  series: string[];
  budget: string;
  forecast: string;
}

const SERIES_VARS = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-yellow', '--vscode-charts-red'];
const FALLBACK = ['#3794ff', '#d18616', '#89d185', '#b180d7', '#cca700', '#f14c4c'];

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  return style.getPropertyValue(name).trim() || fallback;
}

/** The same colour at 60 % opacity, for hex colours; others are kept as they are. */
function translucent(c: string): string {
  return /^#[0-9a-f]{6}$/i.test(c) ? `${c}99` : c;
}

export function themeColors(): ThemeColors {
  const s = getComputedStyle(document.body);
  const series = SERIES_VARS.map((v, i) => cssVar(s, v, FALLBACK[i]));
  return {
    foreground: cssVar(s, '--vscode-foreground', '#cccccc'),
    muted: cssVar(s, '--vscode-descriptionForeground', '#999999'),
    grid: cssVar(s, '--vscode-widget-border', cssVar(s, '--vscode-panel-border', 'rgba(128,128,128,0.25)')),
    // Lighter and darker variants extend the six theme colours for more groups.
    series: [...series, ...series.map(translucent)],
    budget: cssVar(s, '--vscode-charts-red', '#f14c4c'),
    forecast: cssVar(s, '--vscode-charts-yellow', '#cca700'),
  };
}

/** VS Code swaps the body's theme class on a theme change. */
export function onThemeChange(callback: () => void): void {
  new MutationObserver(callback).observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
}
