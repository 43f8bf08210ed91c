extensions = ["lstmdocs.outputs_device"]
