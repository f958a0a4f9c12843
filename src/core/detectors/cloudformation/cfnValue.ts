import type { Plain } from '../shared/yamlSource';

/** A value CloudFormation only knows when the stack is deployed (or one we cannot evaluate). */
export class CfnUnresolved {
  constructor(readonly reason: string) {}
}

export type CfnValue = string | number | boolean | null | CfnUnresolved | CfnValue[] | { [key: string]: CfnValue };

export function isCfnObject(v: CfnValue | Plain | undefined): v is { [key: string]: CfnValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof CfnUnresolved);
}

/** Short-form intrinsics (`!Ref`, `!GetAtt`, ...) and the long-form key each one stands for. */
export const SHORT_FORMS: Readonly<Record<string, string>> = {
  Ref: 'Ref',
  Condition: 'Condition',
  Sub: 'Fn::Sub',
  GetAtt: 'Fn::GetAtt',
  FindInMap: 'Fn::FindInMap',
  If: 'Fn::If',
  Join: 'Fn::Join',
  Select: 'Fn::Select',
  Equals: 'Fn::Equals',
  And: 'Fn::And',
  Or: 'Fn::Or',
  Not: 'Fn::Not',
  Base64: 'Fn::Base64',
  GetAZs: 'Fn::GetAZs',
  Split: 'Fn::Split',
  ImportValue: 'Fn::ImportValue',
  Cidr: 'Fn::Cidr',
  Transform: 'Fn::Transform',
  Length: 'Fn::Length',
  ToJsonString: 'Fn::ToJsonString',
  ForEach: 'Fn::ForEach',
};

/** `!GetAtt A.B` is written as a dotted string; the long form is the list `[A, B]`. */
export function shortFormToLong(tag: string, value: Plain): Plain {
  const name = tag.replace(/^!/, '');
  const key = SHORT_FORMS[name];
  if (!key) return value;
  if (key === 'Fn::GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { [key]: dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [key]: value };
}
