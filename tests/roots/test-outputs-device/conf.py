extensions = ["lstmdocs.running.outputs_device"]
