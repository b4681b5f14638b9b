import Testing

/// The tests that need root and network namespaces. One parent suite, serialized, so only one lab exists at a
/// time (each lab also removes labs a crashed run left behind).
@Suite(
    "Kernel adapters in a namespace lab",
    .serialized,
    .enabled(Comment(rawValue: LabPrerequisites.missing ?? "")) { LabPrerequisites.available }
)
struct LabTests {}
