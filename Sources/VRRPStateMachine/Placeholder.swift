// VRRPStateMachine: filled in by its issue.
