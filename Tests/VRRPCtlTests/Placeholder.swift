// VRRPCtlTests: filled in by its issue.
