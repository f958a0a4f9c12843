terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      team = "nlp"
    }
  }
}

locals {
  trainers = 2
  common_tags = {
    project = "llm-finetune"
  }
}

# Two 8× A100 nodes for distributed fine-tuning.
resource "aws_instance" "trainer" {
  count         = local.trainers
  ami           = "ami-0123456789abcdef0"
  instance_type = "p4d.24xlarge"

  tags = merge(local.common_tags, {
    Name = "trainer-${count.index}"
    env  = "prod"
  })
}

# The inference box; its type comes from variables.tf (overridden in terraform.tfvars).
resource "aws_instance" "inference" {
  ami           = "ami-0123456789abcdef0"
  instance_type = var.inference_instance_type

  tags = local.common_tags
}

# A spot dev box for experiments.
resource "aws_instance" "dev" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "g5.xlarge"

  instance_market_options {
    market_type = "spot"
  }
}
