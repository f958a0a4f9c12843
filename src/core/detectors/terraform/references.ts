import { attributesOf, unwrap, type HclBlock } from '../../parsing/hcl/hclTree';
import { evaluate } from './hclEval';
import type { ResourceEnv } from './resourceEnv';

/** A resource of the module named by `<type>.<name>.<attr>` (optionally indexed), or why not. */
export type Referenced = { block: HclBlock; via: string } | { unresolved: string };

/**
 * Resolves `aws_launch_template.x.id` (or `.name`, or a literal name matched against the
 * target's `name` attribute) within the module, as Terraform's graph would, without applying.
 */
export function referencedResource(env: ResourceEnv, holder: HclBlock, attrNames: string[], type: string): Referenced | undefined {
  const attrs = attributesOf(holder.body);
  for (const attrName of attrNames) {
    const expr = attrs.get(attrName);
    if (!expr) continue;
    const text = unwrap(expr).text.trim();
    const ref = new RegExp(`^${type}\\.([A-Za-z_][\\w-]*)(\\[[^\\]]*\\])?\\.\\w+$`).exec(text);
    if (ref) {
      const block = env.module.resource(type, ref[1]);
      return block ? { block, via: `${type}.${ref[1]}` } : { unresolved: `${type}.${ref[1]} is not declared in this module` };
    }
    const literal = evaluate(expr, env.scope);
    if (typeof literal !== 'string') return { unresolved: `${attrName} \`${text}\` does not name a ${type} of this module` };
    const byName = env.module.resources(type).find((b) => {
      const name = attributesOf(b.body).get('name');
      return name !== undefined && evaluate(name, env.scope) === literal;
    });
    return byName ? { block: byName, via: `${type}.${byName.labels[1]} (name "${literal}")` } : { unresolved: `no ${type} named "${literal}" in this module` };
  }
  return undefined;
}
