variable "region" {
  type    = string
  default = "us-east-1"
}

variable "inference_instance_type" {
  description = "Instance type of the inference host"
  type        = string
  default     = "g5.2xlarge"
}
