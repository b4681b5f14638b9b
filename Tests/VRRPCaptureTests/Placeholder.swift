// VRRPCaptureTests: filled in by its issue.
