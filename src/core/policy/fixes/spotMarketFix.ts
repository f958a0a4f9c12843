import { childBlocks } from '../../parsing/hcl/hclTree';
import { appendToBlock, withHclBlock } from '../tagWriters/hclBlocks';
import type { TagFix } from '../tagWriters/insertion';

/**
 * Makes an `aws_instance` a spot instance, the way Terraform's AWS provider spells it:
 * an `instance_market_options` block with `market_type = "spot"`. Undefined when the block
 * already has one (its market type is then an expression the check could not read).
 */
export function spotMarketFix(file: string, text: string, blockLine: number): Promise<TagFix | undefined> {
  return withHclBlock(file, text, blockLine, (block, style) => {
    if (childBlocks(block, 'instance_market_options').length) return undefined;
    const { eol, unit } = style;
    return {
      insertions: [
        appendToBlock(text, block, style, (i) => [`${eol}${i}instance_market_options {${eol}`, `${i}${unit}market_type = "spot"${eol}`, `${i}}${eol}`]),
      ],
    };
  });
}
