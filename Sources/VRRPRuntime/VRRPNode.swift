import Glibc
import HealthCheck
public import Logging
import Synchronization
import VRRPSocket
import VRRPStateMachine
import VRRPWire

/// A running VRRP node: one event loop thread owns every virtual router, turns socket reads, interface events,
/// check results and timer expiry into router events, and carries out the routers' actions in order through the
/// adapters (advert, addresses, gratuitous ARP / NA), then logs and notifies.
///
/// ``runOnCurrentThread()`` blocks the calling thread until ``stop()``; as a swift-service-lifecycle `Service`,
/// ``run()`` runs the loop on a thread of its own and stops it on graceful shutdown or cancellation.
/// ``stop()``, ``status`` and ``stateChanges`` are safe from any thread.
public final class VRRPNode: Sendable {
    private let configuration: NodeConfiguration
    private let environment: any NodeEnvironment & Sendable
    private let logger: Logger
    private let commands = Mutex<[Command]>([])
    private let published = Mutex<[InstanceStatus]>([])
    private let publishedChecks = Mutex<[CheckReport]>([])
    /// How many times status was published: ``freshStatus(timeout:)`` waits for it to move.
    private let publications = Mutex<UInt64>(0)
    private let waker = Mutex<EventLoop.Waker?>(nil)
    private let hasRun = Mutex(false)
    private let continuation: AsyncStream<StateChange>.Continuation
    /// Every transition of every instance, in order.
    public let stateChanges: AsyncStream<StateChange>

    private enum Command: Sendable {
        case stop
        case reload(NodeConfiguration)
        case setReleased(instance: String, released: Bool)
        case refresh
    }

    /// A node for a configuration; nothing starts until ``run()`` or ``runOnCurrentThread()``.
    public init(configuration: NodeConfiguration, environment: any NodeEnvironment & Sendable, logger: Logger) {
        let (stream, continuation) = AsyncStream<StateChange>.makeStream(bufferingPolicy: .bufferingNewest(1024))
        self.stateChanges = stream
        self.continuation = continuation
        self.configuration = configuration
        self.environment = environment
        self.logger = logger
    }

    /// Runs the node on the calling thread until ``stop()``; masters then send priority 0 and release their
    /// addresses before it returns. A node runs once.
    public func runOnCurrentThread() throws {
        guard
            hasRun.withLock({ ran in
                defer { ran = true }; return !ran
            })
        else {
            throw RuntimeError(operation: "run", cause: "the node has already run")
        }
        defer { continuation.finish() }
        let loop = try EventLoop()
        EventLoop.scheduleCurrentThread(for: configuration, logger: logger)
        waker.withLock { $0 = loop.waker }
        // A stop or reload asked for before the loop existed must not wait for the first event.
        if !commands.withLock({ $0.isEmpty }) { loop.wake() }
        defer { waker.withLock { $0 = nil } }
        var core = NodeCore(
            configuration: configuration, environment: environment, logger: logger,
            publish: continuation)
        try core.start(loop: loop)
        publish(core)
        var running = true
        var lastPublished = MonotonicClock.nanoseconds()
        while running {
            var refresh = false
            try core.arm(loop)
            let ready = try loop.wait()
            let now = MonotonicClock.nanoseconds()
            for case .readable(let descriptor) in ready { core.handleReadable(descriptor, now: now) }
            let pending = commands.withLock { pending in
                defer { pending.removeAll() }
                return pending
            }
            for command in pending {
                switch command {
                case .stop: running = false
                case .reload(let configuration): core.reload(configuration, now: now)
                case .setReleased(let instance, let released): core.setReleased(instance, released, now: now)
                case .refresh: refresh = true
                }
            }
            core.resumeDeferredReads(now: MonotonicClock.nanoseconds())
            core.handleTimeouts(now: MonotonicClock.nanoseconds())
            // Status is copied out on a change of state, or every 100 ms at most: not on every advert.
            let after = MonotonicClock.nanoseconds()
            if core.takeStatusChanged() || refresh || after - lastPublished >= 100_000_000 {
                publish(core)
                lastPublished = after
            }
        }
        core.shutdown(now: MonotonicClock.nanoseconds())
        publish(core)
    }

    /// Asks the node to stop; the run returns after the masters have released.
    public func stop() { send(.stop) }

    /// Asks the node to apply a new configuration, keeping state where the change allows.
    public func reload(_ configuration: NodeConfiguration) { send(.reload(configuration)) }

    /// The instances as of the last loop iteration.
    public var status: [InstanceStatus] { published.withLock { $0 } }

    /// The check scripts' results and run times as of the last loop iteration.
    public var checks: [CheckReport] { publishedChecks.withLock { $0 } }

    /// The instances as of now: asks the loop to publish (``status`` can lag counters by an advert interval) and
    /// waits for it, at most `timeout`; the last published status when the loop does not answer in time.
    public func freshStatus(timeout: Duration = .milliseconds(500)) -> [InstanceStatus] {
        let before = publications.withLock { $0 }
        send(.refresh)
        let deadline = ContinuousClock.now + timeout
        while publications.withLock({ $0 }) == before, ContinuousClock.now < deadline { usleep(1_000) }
        return status
    }

    /// Releases an instance for maintenance (it gives up mastership and stays in Fault through its
    /// `operator:release` tracked item) or restores it. False when no instance has that name.
    @discardableResult
    public func setReleased(instance: String, _ released: Bool) -> Bool {
        guard status.contains(where: { $0.name == instance }) else { return false }
        send(.setReleased(instance: instance, released: released))
        return true
    }

    private func send(_ command: Command) {
        commands.withLock { $0.append(command) }
        waker.withLock { $0?.wake() }
    }

    private func publish(_ core: NodeCore) {
        let snapshot = core.status()
        published.withLock { $0 = snapshot }
        publications.withLock { $0 &+= 1 }
        let checks = core.checkStatus()
        publishedChecks.withLock { $0 = checks }
    }
}

/// The loop thread's state: routers, adapters, checks and notify queues. Not shared.
struct NodeCore {
    struct InstanceRuntime {
        var configuration: NodeConfiguration.Instance
        var router: VirtualRouter
        var transportKey: TransportKey
        var lastChange: StateChange?
        var syncGroup: (group: Int, member: Int)?
        var primaryAddress: IPAddress?
        var observed = InstanceObservations()
        var virtualMAC: VirtualMACRuntime? = nil
        /// Whether this mastership's virtual routes and rules are installed.
        var routesInstalled = false
    }

    struct TransportKey: Hashable {
        var interface: String
        var family: AddressFamily
        var unicastSource: IPAddress?
        var unicastPeers: [IPAddress]
        /// `auth_type AH` instances get their own IP protocol 51 transport.
        var authenticationHeader = false
        var announcementInterface: String? = nil
    }

    struct CheckRuntime {
        var script: NodeConfiguration.CheckScript
        var counter: CheckCounter
        var nextRun: Int64
        var refused: Bool
    }

    struct NotifyQueue {
        var pending: [[String]] = []
        var running: UInt64?
    }

    var configuration: NodeConfiguration
    let environment: any NodeEnvironment & Sendable
    let logger: Logger
    let publish: AsyncStream<StateChange>.Continuation
    var instances: [InstanceRuntime] = []
    /// Each instance's router deadline in nanoseconds (Int64.max: none), beside `instances` and kept equal to
    /// `router.nextDeadline` after every call into the router: the loop scans these, not the routers, at each
    /// wake-up (reading a router out of the array copied the whole instance).
    var deadlines: [Int64] = []
    /// For each transport, the instances by VRID (256 slots): where a received advert goes.
    var receivers: [TransportKey: [[Int]]] = [:]
    /// Sockets read again after a short pause while adverts arrive in bursts.
    var coalescing = ReceiveCoalescing()
    /// Adverts of routers whose only action at this wake-up was to advertise, sent together (sendmmsg) at its end.
    var outgoing: [(instance: Int, key: TransportKey, advert: OutgoingAdvertisement)] = []
    var transports: [TransportKey: any VRRPTransport] = [:]
    var control: (any InterfaceControl)?
    var supervisor = ProcessSupervisor()
    var checks: [String: CheckRuntime] = [:]
    var processStates: [String: Bool] = [:]
    var nextProcessScan: Int64 = 0
    var syncGroups: [SyncGroup] = []
    var notifyQueues: [String: NotifyQueue] = [:]
    var notifySequence: UInt64 = 0
    var notifyOwners: [UInt64: String] = [:]
    /// The notify fifo's path and the descriptor held open on it (``writeFIFO(_:line:)``).
    var notifyFIFO: (path: String, descriptor: Int32)?
    var loop: EventLoop?
    var statusChanged = false
    var linkStates: [String: Bool] = [:]
    var checkObservations: [String: CheckReport] = [:]
    var trackFiles: (watcher: TrackFileWatcher, files: [TrackFileWatcher.File])?
    /// `auth_type AH` counters by instance name; they survive reloads.
    let authenticationSessions = AuthenticationHeaderSessions()

    init(
        configuration: NodeConfiguration,
        environment: any NodeEnvironment & Sendable,
        logger: Logger,
        publish: AsyncStream<StateChange>.Continuation
    ) {
        self.configuration = configuration
        self.environment = environment
        self.logger = logger
        self.publish = publish
    }

    // MARK: Startup and shutdown

    mutating func start(loop: EventLoop) throws {
        self.loop = loop
        let control = try environment.makeInterfaceControl()
        self.control = control
        if control.descriptor >= 0 { try loop.add(control.descriptor) }
        let now = MonotonicClock.nanoseconds()
        for instance in configuration.instances {
            try addInstance(instance, loop: loop)
        }
        indexReceivers()
        configureSyncGroups()
        configureChecks(now: now)
        removeStaleAddresses()
        removeStaleRoutes()
        installStaticEntries(configuration.staticEntries)
        watchRouting()
        for index in instances.indices {
            let interface = instances[index].configuration.interface
            let family = instances[index].configuration.router.family
            let isUp = (try? control.linkIsUp(interface)) ?? nil
            if isUp == nil {
                logger.error(
                    "(\(instances[index].configuration.name)) interface \(interface) does not exist; FAULT until it appears"
                )
            }
            deliver(.interfaceStateChanged(isUp: linkCounts(isUp, index: index)), to: index, now: now)
            let primary = (try? control.primaryAddress(of: interface, family: family)) ?? nil
            setPrimary(instances[index].configuration.unicastSource ?? primary, index: index, now: now)
        }
        configureTrackFiles(reload: false, now: now)
        // The timers start after the netlink queries above, which take milliseconds per instance: started with the
        // earlier `now`, the master-down timers of a node with many short-interval instances had expired before
        // the first read (seen: a backup of 100 instances at 10 ms taking them all at startup, then flapping).
        let started = MonotonicClock.nanoseconds()
        let delay = configuration.startupDelay.nanosecondCount
        if delay > 0 {
            // keepalived's vrrp_startup_delay: BACKUP and listening until it ends, then Master_Down_Interval.
            logger.info("Delaying startup for \(KeepalivedDump.decimal(configuration.startupDelay)) seconds")
            let until = VRRPInstant(nanoseconds: started + delay)
            for index in instances.indices { deliver(.delayedStartup(until: until), to: index, now: started) }
        } else {
            for index in instances.indices { deliver(.startup, to: index, now: started) }
        }
    }

    /// The link state an instance's router sees: the interface's, or, with `dont_track_primary`, up whenever the
    /// interface exists (nil: it does not).
    func linkCounts(_ isUp: Bool?, index: Int) -> Bool {
        guard let isUp else { return false }
        return isUp || !instances[index].configuration.tracksInterface
    }

    mutating func setPrimary(_ address: IPAddress?, index: Int, now: Int64) {
        instances[index].primaryAddress = address
        deliver(.primaryAddressChanged(address), to: index, now: now)
    }

    mutating func addInstance(_ instance: NodeConfiguration.Instance, loop: EventLoop) throws {
        let (instance, virtualMAC) = placingVirtualMAC(OperatorRelease.adding(to: instance))
        let key = Self.transportKey(for: instance, virtualMAC: virtualMAC)
        let router = try VirtualRouter(configuration: instance.router)
        instances.append(
            InstanceRuntime(configuration: instance, router: router, transportKey: key, virtualMAC: virtualMAC))
        deadlines.append(router.nextDeadline?.nanoseconds ?? .max)
        try ensureTransport(key)
    }

    /// Stops polling a transport and drops it, which closes its socket.
    mutating func closeTransport(_ key: TransportKey) {
        if let descriptor = transports[key]?.descriptor, descriptor >= 0 {
            loop?.remove(descriptor)
            coalescing.forget(descriptor)
        }
        transports[key] = nil
    }

    /// After a reload: closes the sockets no instance uses any more. The removed instances' priority-0 adverts
    /// left through them when they were shut down (``execute(_:for:now:)`` sends at once).
    mutating func closeUnusedTransports() {
        let used = Set(instances.map(\.transportKey))
        for key in transports.keys where !used.contains(key) {
            closeTransport(key)
            logger.info("closed the VRRP socket on \(key.interface): no instance uses it after the reload")
        }
    }

    /// Opens the socket for an interface and family unless it is open already. An interface that does not exist
    /// yet is not an error: its instances stay in Fault, and the socket opens when a link event shows it.
    mutating func ensureTransport(_ key: TransportKey) throws {
        guard transports[key] == nil, let loop else { return }
        guard (try? control?.linkIsUp(key.interface)) ?? nil != nil else { return }
        let transport = try makeTransport(for: key)
        transports[key] = transport
        if transport.descriptor >= 0 { try loop.add(transport.descriptor) }
    }

    /// A killed earlier run may have left virtual addresses on the interfaces: take them off before starting
    /// (keepalived does the same), so no address is held by two nodes.
    mutating func removeStaleAddresses() {
        guard let control else { return }
        for instance in instances {
            var present: [String: Set<IPAddress>] = [:]
            for address in instance.configuration.addresses {
                let device = address.device ?? instance.configuration.interface
                if present[device] == nil { present[device] = Set((try? control.addresses(of: device)) ?? []) }
                guard present[device]?.contains(address.address) == true else { continue }
                do {
                    try control.remove(address, on: device)
                    logger.info("(\(instance.configuration.name)) removed stale address \(address.address)")
                } catch {
                    logger.warning("(\(instance.configuration.name)) cannot remove stale \(address.address): \(error)")
                }
            }
        }
    }

    mutating func shutdown(now: Int64) {
        for index in instances.indices {
            deliver(.shutdown, to: index, now: now)
            enqueueNotify(
                subject: .instance(instances[index].configuration.name), state: .stop,
                priority: instances[index].router.effectivePriority,
                scripts: instances[index].configuration.notify, now: now)
        }
        // Give notify_stop scripts a bounded time, then end every child.
        let deadline = MonotonicClock.nanoseconds() + 2_000_000_000
        while notifyQueues.values.contains(where: { $0.running != nil || !$0.pending.isEmpty }),
            MonotonicClock.nanoseconds() < deadline
        {
            usleep(5_000)
            let completions = supervisor.reapReady(now: MonotonicClock.nanoseconds())
            for completion in completions { finished(completion, now: MonotonicClock.nanoseconds()) }
        }
        supervisor.killAll()
        closeNotifyFIFO()
        for index in instances.indices { releaseVirtualMAC(index: index) }
        removeStaticEntries(configuration.staticEntries)
    }

    // MARK: Inputs

    mutating func handleReadable(_ descriptor: Int32, now: Int64) {
        if let control, descriptor == control.descriptor {
            do {
                for event in try control.receiveEvents() { handle(event, now: now) }
            } catch {
                logger.warning("netlink: \(error)")
            }
            return
        }
        if let watcher = trackFiles?.watcher, descriptor == watcher.descriptor {
            handleTrackFileEvents(now: now)
            return
        }
        for (key, transport) in transports where transport.descriptor == descriptor {
            let packets: [ReceivedPacket]
            do {
                packets = try transport.receiveAvailable()
            } catch {
                logger.warning("receive on \(key.interface): \(error)")
                continue
            }
            let byVRID = receivers[key] ?? []
            for packet in packets { dispatch(packet, key: key, to: byVRID, now: now) }
            if coalescing.read(descriptor, packets: packets.count, now: now) {
                do {
                    try loop?.watch(descriptor, reading: false)
                } catch {
                    logger.warning("cannot pause reading \(key.interface): \(error)")
                }
            }
        }
        for completion in supervisor.reapReady(now: now) { finished(completion, now: now) }
    }

    mutating func dispatch(_ packet: ReceivedPacket, key: TransportKey, to byVRID: [[Int]], now: Int64) {
        let endpoints: IPEndpoints
        switch (packet.source, packet.destination) {
        case (.ipv4(let source), .ipv4(let destination)): endpoints = .ipv4(source: source, destination: destination)
        case (.ipv6(let source), .ipv6(let destination)): endpoints = .ipv6(source: source, destination: destination)
        case (.ipv4, .ipv6), (.ipv6, .ipv4): return
        }
        guard packet.payload.count >= 2, Int(packet.payload[1]) < byVRID.count else { return }
        var targets = byVRID[Int(packet.payload[1])]
        if key.authenticationHeader { targets = authenticated(packet, targets: targets) }
        guard !targets.isEmpty else { return }
        let event: VirtualRouter.Event
        do throws(WireError) {
            let decoded = try Advertisement.decode(packet.payload, endpoints: endpoints)
            event = .advertisementReceived(
                VirtualRouter.ReceivedAdvertisement(
                    decoded.advertisement, from: packet.source, to: packet.destination, hopLimit: packet.ttl,
                    arrivedAt: packet.arrival.map(VRRPInstant.init(nanoseconds:))))
        } catch {
            event = .malformedPacketReceived(error)
        }
        for index in targets { deliver(event, to: index, now: now) }
        noteAdvertisement(event, targets: targets, now: now)
    }

    mutating func handle(_ event: InterfaceEvent, now: Int64) {
        switch event {
        case .link(let interface, let isUp):
            virtualMACLinkChanged(interface, now: now)
            guard linkStates[interface] != isUp else { return }
            linkStates[interface] = isUp
            if isUp {
                for key in Set(instances.map(\.transportKey)) where key.interface == interface {
                    do {
                        try ensureTransport(key)
                    } catch {
                        logger.error("cannot open VRRP socket on \(interface): \(error)")
                    }
                }
            }
            for index in instances.indices {
                if instances[index].configuration.interface == interface {
                    logger.info(
                        "(\(instances[index].configuration.name)) interface \(interface) is \(isUp ? "up" : "down")")
                    deliver(.interfaceStateChanged(isUp: linkCounts(isUp, index: index)), to: index, now: now)
                }
                deliver(.trackedItemChanged(name: TrackedName.interface(interface), isUp: isUp), to: index, now: now)
            }
        case .addressRemoved(let interface, let address):
            staticAddressRemoved(address, interface: interface)
            for index in instances.indices where instances[index].router.state == .master {
                let configuration = instances[index].configuration
                guard let spec = configuration.addresses.first(where: { $0.address == address }),
                    (spec.device ?? configuration.interface) == interface, !spec.noTrack
                else { continue }
                // As keepalived: a master whose tracked VIP was deleted behind its back falls back to Backup
                // (and may take over again, re-adding it, once a master-down interval passes without a better
                // master). `no_track` addresses are left alone.
                logger.warning(
                    "(\(configuration.name)) virtual address \(address) was removed from \(interface); going to BACKUP")
                deliver(.virtualAddressLost(address), to: index, now: now)
            }
        case .addressAdded(let interface, let address):
            // Our own virtual addresses come and go with every transition and never become the primary one;
            // re-reading the primary for each made a transition of many instances a storm of netlink dumps.
            if instances.contains(where: { $0.configuration.addresses.contains { $0.address == address } }) { return }
            for index in instances.indices where instances[index].configuration.interface == interface {
                let family = instances[index].configuration.router.family
                guard address.family == family, instances[index].configuration.unicastSource == nil else { continue }
                let primary = (try? control?.primaryAddress(of: interface, family: family)) ?? nil
                if primary != instances[index].primaryAddress { setPrimary(primary, index: index, now: now) }
            }
        case .routeRemoved(let route):
            routeRemoved(route, now: now)
            staticRouteRemoved(route)
        case .ruleRemoved(let rule):
            ruleRemoved(rule, now: now)
            staticRuleRemoved(rule)
        case .eventsLost:
            resynchronize(now: now)
        }
    }

    // MARK: Timers

    mutating func handleTimeouts(now: Int64) {
        let instant = VRRPInstant(nanoseconds: now)
        for index in deadlines.indices where deadlines[index] <= now {
            let actions = instances[index].router.handleTimeouts(now: instant)
            noteDeadline(of: index)
            // AH adverts are built whole (IPv4 header and ICV) one by one: they never join a batch.
            if actions.count == 1, case .sendAdvertisement(let advertisement) = actions[0],
                !instances[index].transportKey.authenticationHeader
            {
                outgoing.append(outgoing(advertisement, for: index))
            } else {
                // Adverts already due leave before this router's slower work (addresses, announcements).
                sendQueuedAdvertisements()
                execute(actions, for: index, now: now)
            }
        }
        sendQueuedAdvertisements()
        for completion in supervisor.handleTimeouts(now: now) { finished(completion, now: now) }
        runDueChecks(now: now)
        if !configuration.processes.isEmpty, now >= nextProcessScan { scanProcesses(now: now) }
    }

    func arm(_ loop: EventLoop) throws {
        var earliest = min(deadlines.min() ?? .max, coalescing.resumeAt ?? .max)
        if let next = supervisor.nextDeadline { earliest = min(earliest, next) }
        for check in checks.values where !check.refused && !supervisor.isRunning(.check(check.script.name)) {
            earliest = min(earliest, check.nextRun)
        }
        if !configuration.processes.isEmpty { earliest = min(earliest, nextProcessScan) }
        try loop.arm(deadline: earliest == .max ? nil : earliest)
    }

    /// Reads the sockets paused by ``ReceiveCoalescing`` once their pause is over, or at once when a router
    /// deadline is due (so a router never times out with its adverts still queued), and watches them again.
    mutating func resumeDeferredReads(now: Int64) {
        let due = (deadlines.min() ?? .max) <= now
        for descriptor in coalescing.resume(now: now, deadlineDue: due) {
            do {
                try loop?.watch(descriptor, reading: true)
            } catch {
                logger.warning("cannot resume reading fd \(descriptor): \(error)")
            }
            handleReadable(descriptor, now: now)
        }
    }

    /// Copies an instance's router deadline into `deadlines` (after every call into its router).
    mutating func noteDeadline(of index: Int) {
        deadlines[index] = instances.withUnsafeBufferPointer { $0[index].router.nextDeadline?.nanoseconds ?? .max }
    }

    /// Rebuilds `receivers` from the instances (after they are added, removed or reordered).
    mutating func indexReceivers() {
        receivers = [:]
        for index in instances.indices {
            let vrid = Int(instances[index].configuration.router.virtualRouterID)
            receivers[instances[index].transportKey, default: Array(repeating: [], count: 256)][vrid].append(index)
        }
    }

    // MARK: Routers

    mutating func deliver(_ event: VirtualRouter.Event, to index: Int, now: Int64) {
        let before = instances[index].router.effectivePriority
        let actions = instances[index].router.handle(event, now: VRRPInstant(nanoseconds: now))
        noteDeadline(of: index)
        execute(actions, for: index, now: now)
        let after = instances[index].router.effectivePriority
        // Not before startup: the priority init_file and the first readings give is where it starts, as keepalived
        // computes it before running.
        if before != after, instances[index].router.state != .initialize {
            effectivePriorityChanged(index: index, to: after)
        }
    }

    /// keepalived's `send_instance_priority_notifies` for `notify_priority_changes`: a fifo line only, no script.
    mutating func effectivePriorityChanged(index: Int, to priority: UInt8) {
        guard instances[index].configuration.notifyPriorityChanges, let fifo = configuration.notifyFIFO else { return }
        let event = instances[index].router.state == .master ? "MASTER_PRIORITY" : "BACKUP_PRIORITY"
        writeFIFO(fifo, line: Self.priorityFIFOLine(instance: instances[index].configuration.name, event, priority))
    }

    /// `INSTANCE "VI_1" MASTER_PRIORITY 90`, as keepalived 2.2.7's notify_fifo writes it.
    static func priorityFIFOLine(instance name: String, _ event: String, _ priority: UInt8) -> String {
        "INSTANCE \"\(name)\" \(event) \(priority)"
    }

    mutating func execute(_ actions: [VirtualRouter.Action], for index: Int, now: Int64) {
        let name = instances[index].configuration.name
        let interface = instances[index].transportKey.announcementInterface ?? instances[index].transportKey.interface
        noteTransitions(in: actions, index: index, now: now)
        for action in actions {
            switch action {
            case .sendAdvertisement(let advertisement):
                send(advertisement, for: index)
            case .addAddresses(let addresses):
                for address in addresses { changeAddress(address, add: true, index: index) }
                addedAddresses(index: index)
                noteAddressesAdded(index: index)
            case .removeAddresses(let addresses):
                removingAddresses(index: index)
                for address in addresses { changeAddress(address, add: false, index: index) }
            case .sendGratuitousARP(let address):
                announce(.ipv4(address), index: index)
                noteAnnounced(index: index)
                logger.debug("(\(name)) Sending gratuitous ARP on \(interface) for \(address)")
            case .sendNeighborAdvertisement(let address):
                announce(.ipv6(address), index: index)
                noteAnnounced(index: index)
                logger.debug("(\(name)) Sending unsolicited Neighbour Advert on \(interface) for \(address)")
            case .stateChanged(let from, let to, let reason):
                transitioned(index: index, from: from, to: to, reason: reason, now: now)
            case .discarded(let reason):
                logger.debug("(\(name)) discarded packet: \(reason)")
            case .configurationRejected(let error):
                logger.error("(\(name)) configuration change rejected: \(error)")
            }
        }
    }

    func send(_ advertisement: Advertisement, for index: Int) {
        let queued = outgoing(advertisement, for: index)
        guard let transport = transports[queued.key] else { return }
        if queued.key.authenticationHeader {
            return sendAuthenticated(
                advertisement, for: index, through: transport, from: queued.advert.source,
                to: queued.advert.destinations)
        }
        do {
            try transport.send(
                queued.advert.advertisement, from: queued.advert.source, to: queued.advert.destinations)
        } catch {
            logger.warning("(\(instances[index].configuration.name)) cannot send advert: \(error)")
        }
    }

    /// An advert with its addressing and the key of its socket (which may not exist: the sender checks).
    func outgoing(
        _ advertisement: Advertisement,
        for index: Int
    ) -> (instance: Int, key: TransportKey, advert: OutgoingAdvertisement) {
        // Field by field through the buffer: `let instance = instances[index]` copied (and retained) the whole
        // instance for every advert.
        instances.withUnsafeBufferPointer { all in
            let key = all[index].transportKey
            let family = all[index].configuration.router.family
            let peers = all[index].configuration.router.unicastPeers
            let destinations = peers.isEmpty ? (family == .ipv4 ? Self.multicast4 : Self.multicast6) : peers
            let source =
                all[index].configuration.unicastSource ?? all[index].primaryAddress
                ?? (family == .ipv4 ? .ipv4(.any) : .ipv6(.any))
            return (index, key, OutgoingAdvertisement(advertisement, from: source, to: destinations))
        }
    }

    /// Sends the queued adverts, one batch per socket.
    mutating func sendQueuedAdvertisements() {
        guard !outgoing.isEmpty else { return }
        let queued = outgoing
        outgoing.removeAll(keepingCapacity: true)
        var start = 0
        while start < queued.count {
            let key = queued[start].key
            var end = start + 1
            while end < queued.count, queued[end].key == key { end += 1 }
            if let transport = transports[key] {
                let failures = transport.send(queued[start..<end].map(\.advert))
                for (offset, error) in failures {
                    let name = instances[queued[start + offset].instance].configuration.name
                    logger.warning("(\(name)) cannot send advert: \(error)")
                }
            }
            start = end
        }
    }

    static let multicast4: [IPAddress] = [.ipv4(.vrrpMulticast)]
    static let multicast6: [IPAddress] = [.ipv6(.vrrpMulticast)]

    func changeAddress(_ address: IPAddress, add: Bool, index: Int) {
        let configuration = instances[index].configuration
        let spec = configuration.addresses.first { $0.address == address } ?? ConfiguredAddress(address)
        let device = spec.device ?? configuration.interface
        do {
            if add { try control?.add(spec, on: device) } else { try control?.remove(spec, on: device) }
        } catch {
            logger.error("(\(configuration.name)) cannot \(add ? "add" : "remove") \(address) on \(device): \(error)")
        }
    }

    func announce(_ address: IPAddress, index: Int) {
        let instance = instances[index]
        do {
            try transports[instance.transportKey]?.announce(address)
        } catch {
            logger.warning("(\(instance.configuration.name)) cannot announce \(address): \(error)")
        }
    }

    mutating func transitioned(
        index: Int,
        from: VirtualRouter.State,
        to: VirtualRouter.State,
        reason: VirtualRouter.TransitionReason,
        now: Int64
    ) {
        let configuration = instances[index].configuration
        let change = StateChange(
            instance: configuration.name, from: from, to: to, reason: reason, monotonicNanoseconds: now)
        instances[index].lastChange = change
        statusChanged = true
        switch to {
        case .master:
            logger.info("(\(configuration.name)) Entering MASTER STATE")
            if configuration.router.family == .ipv4 {
                let interface = instances[index].virtualMAC?.interface.name ?? configuration.interface
                for address in configuration.router.virtualAddresses {
                    logger.info("Sending gratuitous ARP on \(interface) for \(address)")
                }
            }
        case .backup: logger.info("(\(configuration.name)) Entering BACKUP STATE (\(reason))")
        case .fault: logger.info("(\(configuration.name)) Entering FAULT STATE (\(reason))")
        case .initialize: logger.info("(\(configuration.name)) Stopped")
        }
        publish.yield(change)
        let notifyState: NotifyState? =
            switch to {
            case .master: .master
            case .backup: .backup
            case .fault: .fault
            case .initialize: nil
            }
        if let notifyState {
            enqueueNotify(
                subject: .instance(configuration.name), state: notifyState,
                // keepalived's notify_instance_fifo and generic script pass the effective priority.
                priority: instances[index].router.effectivePriority, scripts: configuration.notify, now: now)
        }
        propagateSyncGroup(from: index, now: now)
    }

    // MARK: Sync groups

    mutating func configureSyncGroups() {
        syncGroups = []
        for (groupIndex, group) in configuration.syncGroups.enumerated() {
            syncGroups.append(SyncGroup(memberCount: group.members.count))
            for (memberIndex, member) in group.members.enumerated() {
                if let index = instances.firstIndex(where: { $0.configuration.name == member }) {
                    instances[index].syncGroup = (groupIndex, memberIndex)
                }
            }
        }
    }

    mutating func propagateSyncGroup(from index: Int, now: Int64) {
        guard let membership = instances[index].syncGroup else { return }
        let directives = syncGroups[membership.group].update(
            member: membership.member, state: instances[index].router.state,
            hasOwnFault: instances[index].router.hasOwnFault)
        let members = configuration.syncGroups[membership.group].members
        for (member, directive) in directives {
            guard let target = instances.firstIndex(where: { $0.configuration.name == members[member] }) else {
                continue
            }
            deliver(.syncGroup(directive), to: target, now: now)
        }
    }

    // MARK: Checks

    mutating func configureChecks(now: Int64) {
        let previous = checks
        checks = [:]
        for script in configuration.scripts {
            // A reload keeps the state of a script whose definition did not change.
            if let kept = previous[script.name], kept.script.command == script.command,
                kept.script.rise == script.rise, kept.script.fall == script.fall
            {
                checks[script.name] = kept
                checks[script.name]?.script = script
                continue
            }
            var refused = false
            if configuration.scriptSecurity, let violation = ScriptSecurity.check(program: script.command.program) {
                logger.error("VRRP_Script(\(script.name)) disabled: \(violation)")
                refused = true
            }
            checks[script.name] = CheckRuntime(
                script: script,
                counter: CheckCounter(rise: script.rise, fall: script.fall, initiallyFailed: script.initiallyFailed),
                nextRun: now, refused: refused)
            if script.initiallyFailed { trackedItemChanged(TrackedName.script(script.name), isUp: false, now: now) }
        }
    }

    mutating func runDueChecks(now: Int64) {
        for name in checks.keys.sorted() {
            guard let check = checks[name], !check.refused, check.nextRun <= now,
                !supervisor.isRunning(.check(name))
            else { continue }
            checks[name]?.nextRun = now + check.script.interval.nanosecondCount
            do {
                let child = try supervisor.start(
                    check.script.command.arguments, token: .check(name),
                    timeoutNanoseconds: check.script.timeout.nanosecondCount, now: now, user: check.script.user)
                if child.pidfd >= 0 { try? loop?.add(child.pidfd) }
            } catch {
                logger.warning("VRRP_Script(\(name)) cannot run: \(error)")
                recordCheck(name, success: false, now: now)
            }
        }
    }

    mutating func finished(_ completion: ProcessSupervisor.Completion, now: Int64) {
        switch completion.token {
        case .check(let name):
            if completion.timedOut { logger.info("VRRP_Script(\(name)) timed out") }
            recordCheck(name, success: completion.outcome.isSuccess && !completion.timedOut, now: now)
            observeCheck(name, completion, now: now)
        case .notify(let sequence):
            guard let owner = notifyOwners.removeValue(forKey: sequence) else { return }
            if completion.timedOut {
                logger.warning("notify script for \(owner) timed out and was killed")
            } else if !completion.outcome.isSuccess {
                logger.info("notify script for \(owner) \(completion.outcome)")
            }
            notifyQueues[owner]?.running = nil
            startNextNotify(owner, now: now)
        }
    }

    mutating func recordCheck(_ name: String, success: Bool, now: Int64) {
        guard let change = checks[name]?.counter.record(success: success) else { return }
        switch change {
        case .up:
            logger.info("VRRP_Script(\(name)) succeeded")
            trackedItemChanged(TrackedName.script(name), isUp: true, now: now)
        case .down:
            logger.info("VRRP_Script(\(name)) failed")
            trackedItemChanged(TrackedName.script(name), isUp: false, now: now)
        case .unknown:
            break
        }
    }

    mutating func scanProcesses(now: Int64) {
        nextProcessScan = now + configuration.processScanInterval.nanosecondCount
        let table = ProcessTable.current()
        for process in configuration.processes {
            let count = table.count(matching: process.matcher)
            let isUp = count >= process.quorum && (process.quorumMax.map { count <= $0 } ?? true)
            guard processStates[process.name] != isUp else { continue }
            processStates[process.name] = isUp
            logger.info("Track process \(process.name) is \(isUp ? "up" : "down") (\(count) running)")
            trackedItemChanged(TrackedName.process(process.name), isUp: isUp, now: now)
        }
    }

    mutating func trackedItemChanged(_ name: String, isUp: Bool, now: Int64) {
        for index in instances.indices
        where instances[index].configuration.router.trackedItems.contains(where: { $0.name == name }) {
            deliver(.trackedItemChanged(name: name, isUp: isUp), to: index, now: now)
        }
    }

    // MARK: Notify

    mutating func enqueueNotify(
        subject: NotifySubject,
        state: NotifyState,
        priority: UInt8,
        scripts: NotifyScriptSet,
        now: Int64
    ) {
        let plan: NotifyPlan
        do {
            plan = try NotifyPlan(subject: subject, state: state, priority: priority, scripts: scripts)
        } catch {
            logger.error("notify script for \(subject.name) cannot be parsed: \(error)")
            return
        }
        if let fifo = configuration.notifyFIFO { writeFIFO(fifo, line: plan.fifoLine) }
        guard !plan.commands.isEmpty else { return }
        notifyQueues[subject.name, default: NotifyQueue()].pending += plan.commands
        startNextNotify(subject.name, now: now)
    }

    mutating func startNextNotify(_ owner: String, now: Int64) {
        guard var queue = notifyQueues[owner], queue.running == nil, !queue.pending.isEmpty else { return }
        let command = queue.pending.removeFirst()
        notifySequence += 1
        do {
            let child = try supervisor.start(
                command, token: .notify(notifySequence),
                timeoutNanoseconds: configuration.notifyTimeout.nanosecondCount, now: now)
            if child.pidfd >= 0 { try? loop?.add(child.pidfd) }
            queue.running = notifySequence
            notifyOwners[notifySequence] = owner
        } catch {
            logger.error("notify script for \(owner) cannot run: \(error)")
        }
        notifyQueues[owner] = queue
        if queue.running == nil { startNextNotify(owner, now: now) }
    }

    /// Writes one line to the notify fifo through a descriptor held open, as keepalived holds its own: opened
    /// read-write, so that it opens without a reader and a reader (`while read line`) never sees end-of-file between
    /// two lines. Opened, or reopened for a new path after a reload, on first use; closed at shutdown.
    mutating func writeFIFO(_ path: String, line: String) {
        if notifyFIFO?.path != path {
            closeNotifyFIFO()
            let descriptor = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC)
            guard descriptor >= 0 else {
                logger.warning("cannot open notify fifo \(path): errno \(errno)")
                return
            }
            notifyFIFO = (path, descriptor)
        }
        guard let descriptor = notifyFIFO?.descriptor else { return }
        var bytes = Array((line + "\n").utf8)
        _ = write(descriptor, &bytes, bytes.count)
    }

    mutating func closeNotifyFIFO() {
        if let descriptor = notifyFIFO?.descriptor { close(descriptor) }
        notifyFIFO = nil
    }

    // MARK: Reload and operator commands

    mutating func reload(_ new: NodeConfiguration, now: Int64) {
        logger.info("Reloading configuration")
        let oldCount = instances.count
        var matched = Set<Int>()
        var order: [Int] = []
        var added: [String] = []
        for instance in new.instances.map { OperatorRelease.adding(to: $0) } {
            if let index = (0..<oldCount).first(where: {
                !matched.contains($0) && Self.sameRouter(instances[$0].configuration, instance)
            }) {
                matched.insert(index)
                order.append(index)
                let instance = reapplyingVirtualMAC(instance, index: index)
                let old = instances[index].configuration
                instances[index].configuration = instance
                reloadRoutes(index: index, old: old)
                retarget(index)
                // The file names a primary address only with unicast_src_ip; otherwise it is the interface's,
                // as at startup. Without this the reloaded router has none and goes to Fault.
                var router = instance.router
                let interfacePrimary =
                    (try? control?.primaryAddress(of: instance.interface, family: instance.router.family)) ?? nil
                router.primaryAddress = instance.unicastSource ?? interfacePrimary
                instances[index].primaryAddress = router.primaryAddress
                deliver(.configurationChanged(router), to: index, now: now)
            } else if let loop {
                do {
                    try addInstance(instance, loop: loop)
                    order.append(instances.count - 1)
                    added.append(instance.name)
                } catch {
                    logger.error("(\(instance.name)) cannot start: \(error)")
                }
            }
        }
        // Instances that are gone release with priority 0.
        for index in 0..<oldCount where !matched.contains(index) {
            logger.info("(\(instances[index].configuration.name)) removed by reload")
            deliver(.shutdown, to: index, now: now)
            releaseVirtualMAC(index: index)
        }
        instances = order.map { instances[$0] }
        deadlines = order.map { deadlines[$0] }
        closeUnusedTransports()
        indexReceivers()
        reloadStaticEntries(old: configuration.staticEntries, new: new.staticEntries)
        configuration = new
        configureSyncGroups()
        configureChecks(now: now)
        configureTrackFiles(reload: true, now: now)
        watchRouting()
        for index in instances.indices where added.contains(instances[index].configuration.name) {
            let interface = instances[index].configuration.interface
            let family = instances[index].configuration.router.family
            let isUp = (try? control?.linkIsUp(interface)) ?? nil
            deliver(.interfaceStateChanged(isUp: linkCounts(isUp, index: index)), to: index, now: now)
            let primary = (try? control?.primaryAddress(of: interface, family: family)) ?? nil
            setPrimary(instances[index].configuration.unicastSource ?? primary, index: index, now: now)
            deliver(.startup, to: index, now: now)
        }
    }

    static func sameRouter(_ a: NodeConfiguration.Instance, _ b: NodeConfiguration.Instance) -> Bool {
        a.interface == b.interface && a.router.family == b.router.family
            && a.router.virtualRouterID == b.router.virtualRouterID
    }

    // MARK: Status

    /// Whether a state changed since the last call.
    mutating func takeStatusChanged() -> Bool {
        defer { statusChanged = false }
        return statusChanged
    }

    func status() -> [InstanceStatus] {
        instances.map { instance in
            let router = instance.router
            let readings = router.trackedItemReadings
            let items = router.configuration.trackedItems.map { item in
                TrackedItemStatus(item, reading: readings[item.name] ?? item.initialReading)
            }
            return InstanceStatus(
                name: instance.configuration.name, interface: instance.configuration.interface,
                virtualRouterID: router.configuration.virtualRouterID, family: router.configuration.family,
                version: router.configuration.version, state: router.state,
                basePriority: router.configuration.priority, effectivePriority: router.effectivePriority,
                trackedItems: items, faultCauses: router.faultCauses, currentMaster: router.currentMaster,
                masterAdverInterval: router.masterAdverInterval, skewTime: router.skewTime,
                masterDownInterval: router.masterDownInterval,
                virtualAddresses: router.configuration.virtualAddresses, lastChange: instance.lastChange,
                statistics: router.statistics, lastTakeover: instance.observed.takeover,
                lastMasterAdvertisement: instance.observed.lastMasterAdvertisement,
                currentMasterPriority: router.currentMasterPriority,
                virtualMACInterface: instance.virtualMAC?.interface.name,
                masterDownTimer: router.masterDownTimer?.nanoseconds)
        }
    }
}
