# Azure: an A100 VM, an AKS GPU node pool, and Azure ML compute.
provider "azurerm" {
  features {}
}

variable "location" {
  default = "eastus"
}

resource "azurerm_kubernetes_cluster" "main" {
  name                = "ml-aks"
  location            = var.location
  resource_group_name = "ml"
  dns_prefix          = "mlaks"
  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 2
    # The nodes are billed on the pool's scale set, which takes these tags (not the cluster's).
    tags = {
      team    = "nlp"
      project = "assistant"
      env     = "prod"
    }
  }
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_linux_virtual_machine" "a100" {
  name                = "a100-dev"
  resource_group_name = "ml"
  location            = var.location
  size                = "Standard_NC24ads_A100_v4"
  admin_username      = "azureuser"
  network_interface_ids = []
  tags = {
    team    = "nlp"
    project = "assistant"
    env     = "prod"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "gpu" {
  name                  = "gpu"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
  vm_size               = "Standard_NC6s_v3"
  node_count            = 2
  priority              = "Spot"
  eviction_policy       = "Delete"
  spot_max_price        = -1
  tags = {
    team    = "nlp"
    project = "assistant"
    env     = "prod"
  }
}

resource "azurerm_machine_learning_compute_cluster" "train" {
  name                          = "train"
  location                      = var.location
  machine_learning_workspace_id = "ws-id"
  vm_size                       = "Standard_NC48ads_A100_v4"
  vm_priority                   = "Dedicated"
  tags = {
    team    = "nlp"
    project = "assistant"
    env     = "prod"
  }
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT15M"
  }
}

resource "azurerm_machine_learning_compute_instance" "notebook" {
  name                          = "ana-dev"
  machine_learning_workspace_id = "ws-id"
  virtual_machine_size          = "Standard_NC8as_T4_v3"
  tags = {
    team    = "nlp"
    project = "assistant"
    env     = "prod"
  }
}
