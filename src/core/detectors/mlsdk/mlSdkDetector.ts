import type { CostItem, DetectionResult } from '../../model';
import { syntaxProblems } from '../../parsing/source/callSites';
import { parsePython } from '../../parsing/source/pythonSource';
import { itemsOverVariants } from '../shared/variantItems';
import type { Detector, DetectorContext } from '../types';
import { azureMlItems } from './azureml';
import { kubeflowTrainerItems } from './kubeflowTrainer';
import { sagemakerItems } from './sagemaker';
import type { SdkEnv } from './sdkItem';
import { vertexItems } from './vertex';

/** Files that mention one of the SDKs; the rest are not parsed. */
const SDK_MENTION = /\b(sagemaker|aiplatform|vertexai|azureml|azure\.ai\.ml|kubeflow|TrainerClient)\b/;

/** SageMaker, Vertex AI and Azure ML jobs, endpoints and clusters, and Kubeflow Trainer TrainJobs, created from Python. */
export class MlSdkDetector implements Detector {
  readonly id = 'ml-sdk';
  readonly label = 'SageMaker, Vertex AI and Azure ML jobs, endpoints and clusters, and Kubeflow Trainer jobs, in Python';

  matches(file: string, text?: string): boolean {
    return file.endsWith('.py') && (text === undefined || SDK_MENTION.test(text));
  }

  async detect(ctx: DetectorContext): Promise<DetectionResult> {
    const source = await parsePython(ctx.text);
    const env: SdkEnv = { file: ctx.file, source, options: ctx.options, catalog: ctx.catalog };
    const items: CostItem[] = [];
    for (const call of source.calls) {
      if (ctx.isCancelled?.()) break;
      items.push(...itemsOverVariants(call, (c) => [...sagemakerItems(env, c), ...vertexItems(env, c), ...azureMlItems(env, c), ...kubeflowTrainerItems(env, c)]));
    }
    return { items, skipped: syntaxProblems(ctx.file, source.errorLines) };
  }
}

