// VRRPStateMachineTests: filled in by its issue.
