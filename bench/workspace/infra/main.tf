# Fixture for the integration tests: a small GPU training and inference setup.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

variable "inference_instance_type" {
  description = "Instance type of the inference server"
  type        = string
  default     = "g5.xlarge"
}

resource "aws_instance" "trainer" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "p4d.24xlarge"
  count         = 2

  tags = {
    Name = "trainer"
    team = "ml-platform"
  }
}

resource "aws_instance" "inference" {
  ami           = "ami-0123456789abcdef0"
  instance_type = var.inference_instance_type

  tags = {
    Name = "inference"
    team = "ml-platform"
  }
}
