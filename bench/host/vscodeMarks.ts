/**
 * VS Code's own activation timing for an extension, read from the performance marks its
 * extension host records (`vs/base/common/performance`, kept on `globalThis` in the host).
 * `Developer: Show Running Extensions` shows codeLoadingTime + activateCallTime; these marks
 * bracket the same two steps: loading the main module, and calling `activate`.
 */
export interface VscodeActivationMarks {
  /** Loading (requiring) the extension's main module. */
  codeLoadingMs: number;
  /** Calling `activate` until what it returned settled. */
  activateMs: number;
}

interface PerformanceMarks {
  getMarks(): { name: string; startTime: number }[];
}

export function vscodeActivationMarks(extensionId: string): VscodeActivationMarks | undefined {
  const marks = (globalThis as { MonacoPerformanceMarks?: PerformanceMarks }).MonacoPerformanceMarks?.getMarks() ?? [];
  const at = (step: string) => marks.find((m) => m.name === `code/extHost/${step}/${extensionId}`)?.startTime;
  const [willLoad, didLoad, willActivate, didActivate] = ['willLoadExtensionCode', 'didLoadExtensionCode', 'willActivateExtension', 'didActivateExtension'].map(at);
  if (willLoad === undefined || didLoad === undefined || willActivate === undefined || didActivate === undefined) return undefined;
  return { codeLoadingMs: didLoad - willLoad, activateMs: didActivate - willActivate };
}
