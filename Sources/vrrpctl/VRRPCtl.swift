import ArgumentParser

/// `vrrpctl`: run, inspect and test VRRP nodes.
@main
struct VRRPCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vrrpctl",
        abstract: "VRRP (RFC 3768 / RFC 5798) for Linux: decode captures, check configs, run a node.",
        subcommands: [
            RunCommand.self,
            CheckCommand.self,
            DecodeCommand.self,
            ReplayCommand.self,
            StatusCommand.self,
            ReloadCommand.self,
            ReleaseCommand.self,
            RestoreCommand.self,
            WatchCommand.self,
            SendCommand.self,
            ListenCommand.self,
            AddressCommand.self,
        ]
    )
}
