import type { Detector } from './types';
import { CloudFormationDetector } from './cloudformation/cloudFormationDetector';
import { KubernetesDetector } from './kubernetes/kubernetesDetector';
import { SkyPilotDetector } from './skypilot/skypilotDetector';
import { TerraformDetector } from './terraform/terraformDetector';
import { MlSdkDetector } from './mlsdk/mlSdkDetector';
import { LlmCallDetector } from './llm/llmDetector';
import { TrainingDetector } from './training/trainingDetector';
import { NotebookDetector } from './notebook/notebookDetector';

/**
 * Every format the engine reads. A new format is one module under `src/core/detectors/`
 * implementing `Detector`, added here.
 */
export function createDetectors(): Detector[] {
  return [
    new TerraformDetector(),
    new CloudFormationDetector(),
    new KubernetesDetector(),
    new SkyPilotDetector(),
    new MlSdkDetector(),
    new LlmCallDetector(),
    new TrainingDetector(),
    new NotebookDetector(),
  ];
}
