// VIPNetlink: filled in by its issue.
