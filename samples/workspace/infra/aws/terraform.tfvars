inference_instance_type = "g6e.xlarge"
