// VRRPTestSupport: filled in by its issue.
