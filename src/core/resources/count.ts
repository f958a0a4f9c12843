/** A whole-number attribute as a format adapter read it: its value and the note that says where it came from. */
export interface Count {
  n: number;
  /** `node_count = 2`, or why the value could not be read and what was assumed. */
  note: string;
}
