import VRRPConfig

/// libFuzzer entry point: the input is a keepalived.conf; loading, validating, rendering every finding,
/// dumping the model and linting it as a two-node cluster must never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func configFuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var reader = InMemoryConfigReader([:])
    reader.files["/fuzz/keepalived.conf"] = bytes
    reader.files["/fuzz/conf.d/a.conf"] = Array(bytes.prefix(256))
    let loader = KeepalivedConfigLoader(reader: reader, configID: "a", interfaceExists: { $0 == "eth0" })
    let result = loader.load(path: "/fuzz/keepalived.conf")
    let renderer = DiagnosticRenderer(sources: result.sources)
    var length = 0
    for diagnostic in result.diagnostics {
        length &+= renderer.render(diagnostic).utf8.count
        if let location = diagnostic.location, let lines = result.sources[location.file] {
            // Every finding points into a file that was read, at a real line.
            precondition(location.line >= 1 && location.line <= max(lines.count, 1), "finding outside its file")
        }
    }
    length &+= DiagnosticRenderer.json(result.diagnostics).utf8.count
    length &+= result.configuration.effectiveText.utf8.count
    // The same model as two nodes exercises every per-VRID comparison.
    let nodes = ["a", "b"].map { ClusterLinter.Node(name: $0, configuration: result.configuration) }
    length &+= ClusterLinter(nodes: nodes).lint().count
    return length == -1 ? 1 : 0
}
