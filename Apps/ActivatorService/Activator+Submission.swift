import Allocator
import Ledger
import Logging
import Models

/// Planning what is waiting and submitting it in batches.
extension Activator {
    /// The order entities are planned in: devices (and their loopbacks) first, then groups and
    /// links, then users.
    private static func planningRank(_ kind: EntityKind) -> Int {
        switch kind {
        case .device: 0
        case .multicastGroup: 1
        case .link: 2
        default: 3
        }
    }

    /// Plans every entity marked dirty and submits the instructions, until nothing is waiting.
    ///
    /// - Throws: ``ActivatorError/stalePools(_:)`` when the ledger refused an activation with
    ///   `AllocationFailed` (the session ends and the pools are rebuilt), or
    ///   ``ActivatorError/ledger(_:)`` when the ledger failed.
    func processWaiting() async throws {
        while !dirty.isEmpty {
            guard var current = state else { return }
            let refs = dirty.sorted { (Self.planningRank($0.kind), $0) < (Self.planningRank($1.kind), $1) }
            dirty = []
            let skipped = Set(allocationFailures.filter { $0.value >= 2 }.keys)
            state = nil
            var planned: [PlannedInstruction] = []
            for ref in refs {
                planned += current.plan(ref, skipping: skipped)
            }
            state = current
            var stale: ActivatorError?
            var start = 0
            while start < planned.count {
                let chunk = Array(planned[start..<min(start + batchLimit, planned.count)])
                start += batchLimit
                do {
                    try await submit(chunk)
                } catch let error as ActivatorError {
                    guard case .stalePools = error else { throw error }
                    stale = error
                }
            }
            if let stale { throw stale }
        }
    }

    /// Submits `chunk` as one transaction; if the ledger refuses it, submits each instruction on
    /// its own.
    private func submit(_ chunk: [PlannedInstruction]) async throws {
        do {
            let receipt = try await ledger.submit(chunk.map(\.instruction), signedBy: keypair)
            accepted(chunk, receipt)
        } catch .rejected(let error) {
            if chunk.count > 1 {
                logger.debug(
                    "batch refused; retrying one instruction per transaction",
                    metadata: ["activator.batch": "\(chunk.count)", "error": "\(error)"])
                var stale: ActivatorError?
                for one in chunk {
                    do {
                        try await submit([one])
                    } catch let failure as ActivatorError {
                        guard case .stalePools = failure else { throw failure }
                        stale = failure
                    }
                }
                if let stale { throw stale }
                return
            }
            try refused(chunk[0], error)
        } catch {
            for one in chunk { state?.giveBack(one.acquired) }
            throw ActivatorError.ledger(error)
        }
    }

    /// Applies an accepted transaction's changes to the view at once.
    private func accepted(_ chunk: [PlannedInstruction], _ receipt: SubmitReceipt) {
        statistics.acceptedTransactions += 1
        if var current = state {
            state = nil
            for change in receipt.changes { current.apply(change, at: receipt.sequence) }
            state = current
        }
        for one in chunk {
            let name = one.instruction.name
            if one.isActivation {
                statistics.activations += 1
            } else if name.hasPrefix("reject") {
                statistics.rejections += 1
                logger.info(
                    "rejected",
                    metadata: [
                        "activator.entity": "\(one.target)", "activator.kind": "\(one.target.kindName)",
                        "activator.reason": "\(Self.reason(of: one.instruction) ?? "")",
                        "ledger.sequence": "\(receipt.sequence)",
                    ])
                continue
            } else {
                statistics.closes += 1
            }
            logger.debug(
                "\(name)",
                metadata: [
                    "activator.entity": "\(one.target)", "activator.kind": "\(one.target.kindName)",
                    "ledger.sequence": "\(receipt.sequence)",
                ])
        }
    }

    /// Handles the ledger's refusal of one instruction: gives back what it took; "already done"
    /// refusals are expected (another activator, a re-delivery) and logged at debug level.
    ///
    /// - Throws: ``ActivatorError/stalePools(_:)`` the first time an activation of this target is
    ///   refused with `AllocationFailed`.
    private func refused(_ one: PlannedInstruction, _ error: ProgramError) throws(ActivatorError) {
        state?.giveBack(one.acquired)
        let metadata: Logger.Metadata = [
            "activator.entity": "\(one.target)", "activator.kind": "\(one.target.kindName)",
            "activator.instruction": "\(one.instruction.name)", "error": "\(error)",
        ]
        if Self.meansAlreadyDone(error, for: one.instruction) {
            statistics.alreadyDone += 1
            logger.debug("already done", metadata: metadata)
            return
        }
        statistics.refusals += 1
        if error.code == .allocationFailed && one.isActivation {
            let failures = allocationFailures[one.target, default: 0] + 1
            allocationFailures[one.target] = failures
            if failures == 1 {
                logger.info("activation refused: the pools are stale", metadata: metadata)
                throw ActivatorError.stalePools("\(one.target): \(error.message)")
            }
            logger.warning(
                "activation refused again after rebuilding the pools; retrying later", metadata: metadata)
            scheduleRetry(of: one.target, after: retryDelay * failures)
            return
        }
        logger.error("instruction refused", metadata: metadata)
    }

    /// Plans `target` again after `delay` (another activator's allocations in flight were in
    /// the way; by then they are in the log).
    private func scheduleRetry(of target: ActivationTarget, after delay: Duration) {
        Task { [weak self] in
            try? await Task.sleep(for: delay)
            await self?.retry(target)
        }
    }

    /// Marks `target`'s entity for planning again, at most one more rebuild allowed.
    private func retry(_ target: ActivationTarget) {
        guard allocationFailures[target] != nil else { return }
        allocationFailures[target] = 1
        switch target {
        case .entity(let ref): dirty.insert(ref)
        case .interface(let device, _): dirty.insert(EntityRef(kind: .device, pubkey: device))
        }
        doorbell?.yield()
    }

    /// Whether `error` means the instruction's effect is already there: the entity is no longer
    /// in the status it needs, or (for close and remove) it is already gone.
    static func meansAlreadyDone(_ error: ProgramError, for instruction: Instruction) -> Bool {
        if error.code == .invalidStatus { return true }
        switch instruction {
        case .closeDevice: return error.code == .invalidDevicePubkey
        case .closeLink, .closeMulticastGroup: return error.code == .accountNotFound
        case .closeUser: return error.code == .userAccountNotFound
        case .removeDeviceInterface: return error.code == .interfaceNotFound || error.code == .invalidDevicePubkey
        default: return false
        }
    }

    /// The reason a reject instruction carries.
    static func reason(of instruction: Instruction) -> String? {
        switch instruction {
        case .rejectDevice(let args), .rejectLink(let args), .rejectUser(let args), .rejectMulticastGroup(let args):
            args.reason
        case .rejectDeviceInterface(let args): args.reason
        default: nil
        }
    }
}
