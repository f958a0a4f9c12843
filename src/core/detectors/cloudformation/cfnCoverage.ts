import type { CoverageTable } from '../../resources/coverage';

/** CloudFormation resource types by what they bill, for the AI-relevant AWS services. */
export function cloudFormationCoverage(supported: Iterable<string>): CoverageTable {
  return {
    noun: 'CloudFormation resource type',
    supported: new Set(supported),
    free: new Set([
      // Configuration and identity only; what they configure is priced on the resource that runs it.
      'AWS::SageMaker::Model',
      'AWS::SageMaker::Endpoint',
      'AWS::SageMaker::Domain',
      'AWS::SageMaker::UserProfile',
      'AWS::SageMaker::CodeRepository',
      'AWS::SageMaker::Image',
      'AWS::SageMaker::ImageVersion',
      'AWS::SageMaker::AppImageConfig',
      'AWS::SageMaker::ModelPackageGroup',
      'AWS::SageMaker::NotebookInstanceLifecycleConfig',
      'AWS::EKS::Addon',
      'AWS::EKS::AccessEntry',
      'AWS::EKS::IdentityProviderConfig',
      'AWS::EKS::PodIdentityAssociation',
      'AWS::EMR::SecurityConfiguration',
      'AWS::Batch::JobDefinition',
      'AWS::Batch::JobQueue',
      'AWS::Batch::SchedulingPolicy',
    ]),
    unsupported: new Set(['AWS::Batch::ComputeEnvironment', 'AWS::EC2::SpotFleet', 'AWS::EC2::EC2Fleet']),
    costBearing: [/^AWS::SageMaker::/, /^AWS::EMR::/, /^AWS::EMRServerless::/, /^AWS::EKS::/],
  };
}
