import Models

/// The consistency audit of `doublezero resource verify` (serviceability §6.8).
extension ResourcePools {
    /// Compares the pools with what the snapshot's entities hold and lists every disagreement,
    /// ordered by pool and value. An empty result means pools and ledger agree exactly.
    ///
    /// Per pool:
    /// - values held in a pool that does not exist → ``AllocationFinding/Kind/unknownPool``;
    /// - values outside the pool's range(s) → ``AllocationFinding/Kind/usedOutsidePool``;
    /// - addresses the pool keeps reserved → ``AllocationFinding/Kind/usesReservedAddress``;
    /// - the same id, or overlapping blocks, held by several entities →
    ///   ``AllocationFinding/Kind/duplicateUsage`` (one finding per group, naming the largest block);
    /// - any other value the pool does not hold as exactly that block or id →
    ///   ``AllocationFinding/Kind/usedButNotAllocated``;
    /// - blocks and ids the pool holds that no entity uses →
    ///   ``AllocationFinding/Kind/allocatedButNotUsed``.
    ///
    /// O(U log U + allocated values) for U usages.
    public func audit(_ snapshot: AllocationSnapshot) -> [AllocationFinding] {
        audit(sortedUsages: usages(in: snapshot))
    }

    /// The audit of `usages`, in ``ResourceUsage`` order (so each pool's usages are one run).
    func audit(sortedUsages usages: [ResourceUsage]) -> [AllocationFinding] {
        var byPool: [ResourcePoolID: ArraySlice<ResourceUsage>] = [:]
        var start = usages.startIndex
        while start < usages.endIndex {
            let pool = usages[start].pool
            var end = start + 1
            while end < usages.endIndex, usages[end].pool == pool { end += 1 }
            byPool[pool] = usages[start..<end]
            start = end
        }
        let pools = Set(poolIDs).union(byPool.keys).sorted()
        return pools.flatMap { audit(pool: $0, usages: Array(byPool[$0] ?? [])) }
    }

    /// The findings for one pool, given the usages that belong to it (in ``ResourceUsage`` order).
    private func audit(pool id: ResourcePoolID, usages: [ResourceUsage]) -> [AllocationFinding] {
        let addressPool = addressPool(id)
        let idPool = idPool(id)
        guard addressPool != nil || idPool != nil else {
            return usages.map { AllocationFinding(.unknownPool, pool: id, value: $0.value, holders: [$0.holder]) }
        }
        var findings: [AllocationFinding] = []
        var inside: [ResourceUsage] = []
        for usage in usages {
            let contained: Bool =
                switch usage.value {
                case .block(let block): addressPool?.contains(block) ?? false
                case .id(let value): idPool?.contains(value) ?? false
                }
            if !contained {
                findings.append(
                    AllocationFinding(.usedOutsidePool, pool: id, value: usage.value, holders: [usage.holder]))
            } else if let block = usage.value.block, let addressPool, addressPool.includesReservedAddress(block) {
                findings.append(
                    AllocationFinding(.usesReservedAddress, pool: id, value: usage.value, holders: [usage.holder]))
            } else {
                inside.append(usage)
            }
        }
        for group in Self.overlappingGroups(inside) {
            guard group.count == 1 else {
                findings.append(
                    AllocationFinding(
                        .duplicateUsage, pool: id, value: group[0].value, holders: group.map(\.holder).sorted()))
                continue
            }
            if !isHeld(group[0]) {
                findings.append(
                    AllocationFinding(.usedButNotAllocated, pool: id, value: group[0].value, holders: [group[0].holder])
                )
            }
        }
        let used = Set(usages.map(\.value))
        let allocated: [ResourceValue] =
            if let addressPool {
                addressPool.allocatedBlocks.map(ResourceValue.block)
            } else {
                idPool?.allocatedIDs.map(ResourceValue.id) ?? []
            }
        for value in allocated where !used.contains(value) {
            findings.append(AllocationFinding(.allocatedButNotUsed, pool: id, value: value))
        }
        return findings.sorted { ($0.value, $0.kind.rawValue) < ($1.value, $1.kind.rawValue) }
    }

    /// Splits usages (sorted by value) into groups that share a value or overlap. CIDR blocks
    /// either nest or are disjoint, so after sorting by address (larger block first) each group
    /// starts with the block that covers the others.
    private static func overlappingGroups(_ usages: [ResourceUsage]) -> [[ResourceUsage]] {
        var groups: [[ResourceUsage]] = []
        var coverEnd: UInt64 = 0
        for usage in usages {
            let (start, end) = span(of: usage.value)
            if let last = groups.indices.last, start < coverEnd {
                groups[last].append(usage)
                coverEnd = max(coverEnd, end)
            } else {
                groups.append([usage])
                coverEnd = end
            }
        }
        return groups
    }

    /// The half-open span of numbers a value covers: a block's addresses or a single id.
    private static func span(of value: ResourceValue) -> (start: UInt64, end: UInt64) {
        switch value {
        case .block(let block):
            let start = UInt64(block.networkAddress.value)
            return (start, start + block.size)
        case .id(let id):
            return (UInt64(id), UInt64(id) + 1)
        }
    }
}
