// VRRPAdapterTests: filled in by its issue.
