import { receiverOf, withPositional, withRenamed, type CallSite, type SourceFile } from '../../parsing/source/callSites';

/**
 * SageMaker calls written other than with the current SDK's keywords: positional arguments
 * (`predictor = model.deploy(1, "ml.g5.xlarge")`) and SDK v1's `train_*` names, both
 * mapped to the v2 keyword arguments the handlers read.
 */
export function sagemakerCallShape(source: SourceFile, call: CallSite, isSageMakerClass: (name: string) => boolean): CallSite {
  const renamed = withRenamed(call, V1_NAMES);
  const params = POSITIONAL[renamed.name];
  if (!params || renamed.positional.length === 0) return renamed;
  if (renamed.name === 'deploy' || renamed.name === 'transformer') {
    // Vertex's `endpoint.deploy(model, ...)` is positional too: only a count first, or a SageMaker receiver, is SageMaker's.
    const receiver = receiverOf(source, renamed);
    if (typeof renamed.positional[0].value !== 'number' && !(receiver && isSageMakerClass(receiver.name))) return renamed;
  }
  return withPositional(renamed, params);
}

/** Leading parameters of the SDK v2 signatures (`sagemaker.estimator.Estimator.__init__`, `Model.deploy`, ...). */
const POSITIONAL: Readonly<Record<string, readonly string[]>> = {
  Estimator: ['image_uri', 'role', 'instance_count', 'instance_type'],
  deploy: ['initial_instance_count', 'instance_type'],
  transformer: ['instance_count', 'instance_type'],
  Transformer: ['model_name', 'instance_count', 'instance_type'],
};

/** SDK v1 keyword names, renamed in v2. */
const V1_NAMES: Readonly<Record<string, string>> = {
  train_instance_type: 'instance_type',
  train_instance_count: 'instance_count',
  train_max_run: 'max_run',
  train_use_spot_instances: 'use_spot_instances',
  train_max_wait: 'max_wait',
  image_name: 'image_uri',
};
