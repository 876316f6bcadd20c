import Foundation
import Hummingbird
import Ledger
import LedgerWireFormat
import Models

/// `GET /v1/entities/{kind}` and `GET /v1/entities/{kind}/{pubkey}`.
struct EntityQueries: Sendable {
    /// The ledger read from.
    let ledger: any LedgerAPI

    /// The entities of a kind, filtered by the query parameters (`?status=activated&owner=...`).
    func list(request: Request, context: some RequestContext) async throws -> Response {
        let kind: EntityKind
        let filter: EntityFilter
        do throws(ProgramError) {
            kind = try Self.kind(context.parameters.get("kind"))
            filter = try Self.filter(request.uri.queryParameters)
        } catch {
            return .rejection(error)
        }
        do {
            return .json(EntityListBody(entities: try await ledger.entities(of: kind, matching: filter)))
        } catch {
            return error.response(logger: context.logger)
        }
    }

    /// One entity, or 404.
    func one(request: Request, context: some RequestContext) async throws -> Response {
        let ref: EntityRef
        do throws(ProgramError) {
            let kind = try Self.kind(context.parameters.get("kind"))
            ref = EntityRef(kind: kind, pubkey: try Self.pubkey(context.parameters.get("pubkey")))
        } catch {
            return .rejection(error)
        }
        do {
            guard let entity = try await ledger.entity(ref) else {
                return .rejection(
                    ProgramError(.accountNotFound, "no \(ref.kind.rawValue) at \(ref.pubkey)", field: "pubkey"))
            }
            return .json(entity)
        } catch {
            return error.response(logger: context.logger)
        }
    }

    /// The kind named in the path; `InvalidAccountType` (404) naming the valid kinds otherwise.
    static func kind(_ text: String?) throws(ProgramError) -> EntityKind {
        guard let text, let kind = EntityKind(rawValue: text) else {
            let kinds = EntityKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw ProgramError(
                .invalidAccountType, "unknown entity kind '\(text ?? "")'; the kinds are: \(kinds)", field: "kind")
        }
        return kind
    }

    /// The key named in the path; `InvalidArgument` (400) unless it is base58 of 32 bytes.
    static func pubkey(_ text: String?) throws(ProgramError) -> PublicKey {
        guard let text, let key = PublicKey(base58: text) else {
            throw ProgramError(
                .invalidArgument, "'\(text ?? "")' is not a base58 public key of 32 bytes", field: "pubkey")
        }
        return key
    }

    /// Every query parameter as a condition; a field given twice with different values is
    /// `InvalidArgument` (400), as is an empty field name.
    static func filter(
        _ parameters: some Sequence<(key: Substring, value: Substring)>
    ) throws(ProgramError) -> EntityFilter {
        var conditions: [String: String] = [:]
        for (rawKey, value) in parameters {
            let key = String(rawKey).removingPercentEncoding ?? String(rawKey)
            guard !key.isEmpty else {
                throw ProgramError(.invalidArgument, "a filter condition has no field name", field: "filter")
            }
            let value = String(value)
            if let earlier = conditions[key], earlier != value {
                throw ProgramError(
                    .invalidArgument, "field '\(key)' is given twice ('\(earlier)' and '\(value)')", field: key)
            }
            conditions[key] = value
        }
        return EntityFilter(conditions)
    }
}
