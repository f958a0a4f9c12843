/** Which cloud an instance-type name belongs to, from naming conventions alone. */

import type { Cloud } from './types';

const AZURE = /^standard_[a-z0-9_]+$/i;

// Lambda Cloud names count GPUs in the name: gpu_1x_a100, gpu_8x_h100_sxm5.
const LAMBDA = /^(gpu|cpu)_\d+x_[a-z0-9_]+$/;

// AWS: family.size, where the family may carry a hyphenated suffix (p6-b200, u-6tb1)
// and SageMaker prefixes `ml.`; sizes are a closed vocabulary, which keeps
// dotted words like `config.yaml` or `self.model` out.
const AWS = /^(ml\.)?[a-z][a-z0-9]*(-[a-z0-9]+)*\.(nano|micro|small|medium|large|\d*xlarge|metal(-\d+xl)?)$/;

// GCP: series-class[-size], e.g. a2-highgpu-1g, n1-standard-8, n2d-highmem-2, e2-medium,
// ct5lp-hightpu-4t; custom types; and TPU slices (tpu-v5p-8, v5litepod-16). The class
// is a closed vocabulary so that hyphenated words such as `utf8-encoded` stay unknown.
const GCP_MACHINE =
  /^[a-z]+\d+[a-z]*-(standard|high[a-z]+|mega[a-z]+|ultra[a-z]+|edge[a-z]+|hyper[a-z]+|medium|micro|small)(-\d+[a-z]*)?(-lssd)?$/;
const GCP_CUSTOM = /^([a-z]+\d+[a-z]*-)?custom-\d+-\d+(-ext)?$/;
const GCP_TPU = /^(tpu-)?v\d+(p|e|litepod)?-\d+$/;

export function isSageMakerType(instanceType: string): boolean {
  return /^ml\./i.test(instanceType.trim());
}

export function inferCloud(instanceType: string): Cloud | undefined {
  const name = instanceType.trim();
  if (AZURE.test(name)) return 'azure';
  const lower = name.toLowerCase();
  if (LAMBDA.test(lower)) return 'lambda';
  if (AWS.test(lower)) return 'aws';
  if (GCP_TPU.test(lower) || GCP_CUSTOM.test(lower) || GCP_MACHINE.test(lower)) return 'gcp';
  return undefined;
}
