extensions = ["lstmdocs.assets_first"]
