import ArgumentParser
import VRRPConfig

/// `vrrpctl check`: validate keepalived.conf files like `keepalived -t`, precisely, plus cluster lints.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check keepalived.conf files; several files are checked as the nodes of one cluster.",
        discussion: """
            Each finding is printed as `file:line:col: error|warning: message [code]` with the source line and a \
            caret, then a summary. With several files, per-VRID cluster lints compare the nodes: tracked \
            failures whose weight cannot move mastership, mismatched advert_int / version / authentication / \
            virtual addresses / unicast peers, equal priorities, an address claimed by two VRIDs.

            Exit status: 0 no findings, 1 warnings only, 2 at least one error.
            """
    )

    @Flag(help: "Print the findings as a JSON array instead of text.")
    var json = false

    @Flag(help: "Print the effective configuration (after includes, substitutions and defaults) of each file.")
    var dump = false

    @Option(name: .customLong("config-id"), help: "The id @name lines are matched against (default: the host name).")
    var configID: String?

    @Flag(name: .customLong("check-interfaces"), help: "Also report interfaces that do not exist on this host.")
    var checkInterfaces = false

    @Argument(help: "keepalived.conf files (one per node).")
    var files: [String]

    func run() throws {
        var interfaceExists: (@Sendable (String) -> Bool)?
        if checkInterfaces { interfaceExists = { FileSystemReader.interfaceExists($0) } }
        let loader = KeepalivedConfigLoader(
            reader: FileSystemReader(), configID: configID ?? FileSystemReader.hostName,
            interfaceExists: interfaceExists)
        var results: [ConfigLoadResult] = []
        var diagnostics: [Diagnostic] = []
        var sources: [String: [String]] = [:]
        for file in files {
            let result = loader.load(path: file)
            results.append(result)
            diagnostics += result.diagnostics
            sources.merge(result.sources) { first, _ in first }
        }
        let lints = ClusterLinter(
            nodes: results.map { ClusterLinter.Node(name: $0.path, configuration: $0.configuration) }
        ).lint()
        diagnostics += lints
        if dump {
            for result in results {
                if results.count > 1 { print("# \(result.path)") }
                print(result.configuration.effectiveText, terminator: "")
            }
        }
        if json {
            print(DiagnosticRenderer.json(diagnostics))
        } else {
            let renderer = DiagnosticRenderer(sources: sources)
            var text = ""
            for diagnostic in diagnostics { text += renderer.render(diagnostic) }
            text += DiagnosticRenderer.summary(diagnostics, files: results.reduce(0) { $0 + $1.files.count })
            // With --dump, stdout carries the configuration; the findings go to stderr.
            if dump {
                StandardError.write(text + "\n")
            } else {
                print(text)
            }
        }
        switch diagnostics.map(\.severity).max() {
        case .error?: throw ExitCode(2)
        case .warning?: throw ExitCode(1)
        case .note?, nil: return
        }
    }
}
