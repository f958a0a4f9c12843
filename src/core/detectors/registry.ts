import type { Detector } from './types';
import { CloudFormationDetector } from './cloudformation/cloudFormationDetector';
import { KubernetesDetector } from './kubernetes/kubernetesDetector';
import { SkyPilotDetector } from './skypilot/skypilotDetector';
import { TerraformDetector } from './terraform/terraformDetector';
import { MlSdkDetector } from './mlsdk/mlSdkDetector';
import { LlmCallDetector } from './llm/llmDetector';
import { TrainingDetector } from './training/trainingDetector';
import { AzureMlYamlDetector } from './azureml/azureMlYamlDetector';

/**
 * Every format the engine reads. A new format is one module under `src/core/detectors/`
 * implementing `Detector`, added here; a YAML or JSON format also declares `classify`, and the
 * most confident classifier reads the document. Notebooks are not a detector: the engine runs
 * these on a notebook's code cells (`CostEngine.analyzeCells`).
 */
export function createDetectors(): Detector[] {
  return [
    new TerraformDetector(),
    new CloudFormationDetector(),
    new KubernetesDetector(),
    new SkyPilotDetector(),
    new AzureMlYamlDetector(),
    new MlSdkDetector(),
    new LlmCallDetector(),
    new TrainingDetector(),
  ];
}
