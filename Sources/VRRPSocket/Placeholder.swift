// VRRPSocket: filled in by its issue.
