import type { CoverageTable } from '../../../resources/coverage';

/**
 * Terraform resource types by what they bill. Supported types are the handler tables'; these
 * lists and families cover the AI-relevant providers' compute, ML and cluster types.
 */
export function terraformCoverage(supported: Iterable<string>): CoverageTable {
  return {
    noun: 'Terraform resource type',
    supported: new Set(supported),
    free: new Set([
      // Configuration and identity only; what they configure is priced on the resource that runs it.
      'aws_sagemaker_model',
      'aws_sagemaker_endpoint',
      'aws_sagemaker_domain',
      'aws_sagemaker_user_profile',
      'aws_sagemaker_code_repository',
      'aws_sagemaker_image',
      'aws_sagemaker_image_version',
      'aws_sagemaker_app_image_config',
      'aws_sagemaker_model_package_group',
      'aws_sagemaker_notebook_instance_lifecycle_configuration',
      'aws_eks_addon',
      'aws_eks_access_entry',
      'aws_eks_access_policy_association',
      'aws_eks_identity_provider_config',
      'aws_eks_pod_identity_association',
      'aws_emr_security_configuration',
      'aws_batch_job_definition',
      'aws_batch_job_queue',
      'aws_batch_scheduling_policy',
      'google_compute_instance_template',
      'google_compute_instance_group',
      'google_compute_instance_group_named_port',
      'google_compute_region_instance_template',
      'google_compute_instance_iam_member',
      'google_compute_instance_iam_binding',
      'google_compute_instance_iam_policy',
      'google_container_registry',
      'azurerm_machine_learning_workspace',
      'azurerm_machine_learning_datastore_blobstorage',
      'azurerm_machine_learning_datastore_datalake_gen2',
      'azurerm_machine_learning_datastore_fileshare',
      'azurerm_virtual_machine_extension',
      'azurerm_virtual_machine_data_disk_attachment',
      'azurerm_kubernetes_cluster_extension',
    ]),
    unsupported: new Set(['aws_batch_compute_environment', 'aws_spot_instance_request', 'aws_spot_fleet_request', 'aws_ec2_fleet', 'aws_bedrock_provisioned_model_throughput']),
    costBearing: [
      /^aws_sagemaker_/,
      /^aws_emr_/,
      /^aws_emrserverless_/,
      /^aws_eks_/,
      /^google_tpu/,
      /^google_vertex_ai_/,
      /^google_notebooks_/,
      /^google_workbench_/,
      /^google_compute_(instance|instance_group_manager|region_instance_group_manager|instance_from_template)/,
      /^google_container_/,
      /^google_dataproc_/,
      /^azurerm_machine_learning_/,
      /virtual_machine(_scale_set)?$/,
      /^azurerm_kubernetes_/,
      /^azurerm_cognitive_deployment$/,
    ],
  };
}
