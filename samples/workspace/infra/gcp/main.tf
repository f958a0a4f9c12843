# GCP: an A2 training VM, an N1 VM with attached T4s on spot, and a GKE L4 node pool.
provider "google" {
  project = "acme-ml"
  region  = "us-central1"
  default_labels = {
    team        = "vision"
    project     = "image-search"
    env         = "prod"
    cost-center = "cc-4410"
  }
}

resource "google_compute_instance" "trainer" {
  name         = "a100-trainer"
  machine_type = "a2-highgpu-1g"
  zone         = "us-central1-a"
  boot_disk {
    initialize_params {
      image = "deeplearning-platform-release/common-cu121"
    }
  }
  network_interface {
    network = "default"
  }
}

resource "google_compute_instance" "batch" {
  name         = "t4-batch"
  machine_type = "n1-standard-8"
  zone         = "us-central1-b"
  guest_accelerator {
    type  = "nvidia-tesla-t4"
    count = 2
  }
  scheduling {
    provisioning_model = "SPOT"
    preemptible        = true
    automatic_restart  = false
  }
  boot_disk {
    initialize_params {
      image = "deeplearning-platform-release/common-cu121"
    }
  }
  network_interface {
    network = "default"
  }
}

resource "google_container_node_pool" "inference" {
  name     = "l4-inference"
  cluster  = "ml-cluster"
  location = "us-central1"
  autoscaling {
    min_node_count = 1
    max_node_count = 4
  }
  node_config {
    machine_type = "g2-standard-8"
    spot         = true
  }
}
