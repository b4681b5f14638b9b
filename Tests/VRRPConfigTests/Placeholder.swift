// VRRPConfigTests: filled in by its issue.
