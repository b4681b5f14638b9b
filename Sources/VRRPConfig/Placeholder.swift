// VRRPConfig: filled in by its issue.
