import Foundation

/// One breach of the layer rule, as a typed value with a message naming the package, the
/// offending dependency or import and, for imports, the file and line.
public enum Violation: Hashable, Sendable, CustomStringConvertible {
    /// A directory under `Packages/` has no `Package.swift`.
    case missingManifest(directory: String)
    /// A package's `Package.swift` could not be read by `swift package dump-package`.
    case unreadableManifest(directory: String, reason: String)
    /// A directory under `Packages/` is not one of the seven known packages.
    case unknownPackage(directory: String)
    /// A manifest declares a package name other than its directory's name.
    case manifestNameMismatch(directory: String, declaredName: String)
    /// A package depends on a path that is not one of the known packages under `Packages/`.
    case unknownDependency(package: LocalPackage, dependency: LocalDependency)
    /// A package depends on a known package its layer does not allow.
    case forbiddenDependency(package: LocalPackage, dependency: LocalPackage)
    /// A package declares a local dependency by an absolute or computed path.
    case nonRelativeDependencyPath(package: LocalPackage, dependency: LocalDependency)
    /// An embeddable package (Allocator) depends on an external package outside its tests.
    case externalDependency(package: LocalPackage, identity: String)
    /// A source file imports a module its package may not use.
    case forbiddenImport(package: LocalPackage, module: String, location: SourceLocation)

    /// A short, stable name of the kind of violation (used in JSON output).
    public var kind: String {
        switch self {
        case .missingManifest: "missingManifest"
        case .unreadableManifest: "unreadableManifest"
        case .unknownPackage: "unknownPackage"
        case .manifestNameMismatch: "manifestNameMismatch"
        case .unknownDependency: "unknownDependency"
        case .forbiddenDependency: "forbiddenDependency"
        case .nonRelativeDependencyPath: "nonRelativeDependencyPath"
        case .externalDependency: "externalDependency"
        case .forbiddenImport: "forbiddenImport"
        }
    }

    /// The package (directory name under `Packages/`) the violation is in.
    public var package: String {
        switch self {
        case .missingManifest(let directory), .unreadableManifest(let directory, _), .unknownPackage(let directory),
            .manifestNameMismatch(let directory, _):
            directory
        case .unknownDependency(let package, _), .forbiddenDependency(let package, _),
            .nonRelativeDependencyPath(let package, _), .externalDependency(let package, _),
            .forbiddenImport(let package, _, _):
            package.name
        }
    }

    /// The offending thing: the dependency, the imported module or the declared name; nil when the
    /// package itself is the problem.
    public var subject: String? {
        switch self {
        case .missingManifest, .unreadableManifest, .unknownPackage: nil
        case .manifestNameMismatch(_, let declaredName): declaredName
        case .unknownDependency(_, let dependency), .nonRelativeDependencyPath(_, let dependency): dependency.name
        case .forbiddenDependency(_, let dependency): dependency.name
        case .externalDependency(_, let identity): identity
        case .forbiddenImport(_, let module, _): module
        }
    }

    /// The file and line of an offending import; nil for manifest-level violations.
    public var location: SourceLocation? {
        if case .forbiddenImport(_, _, let location) = self { return location }
        return nil
    }

    /// The violation in one sentence, without the location.
    public var message: String {
        switch self {
        case .missingManifest(let directory):
            return "Packages/\(directory) has no Package.swift: every directory under Packages/ must be a package"
        case .unreadableManifest(let directory, let reason):
            return "Packages/\(directory)/Package.swift could not be read by swift package dump-package: "
                + Self.headline(of: reason)
        case .unknownPackage(let directory):
            return "Packages/\(directory) is not a known package: the packages are \(LocalPackage.knownNames)"
        case .manifestNameMismatch(let directory, let declaredName):
            return "Packages/\(directory)/Package.swift declares the name \(declaredName): it must be \(directory)"
        case .unknownDependency(let package, let dependency):
            let path = dependency.declaredPath ?? dependency.location
            return "\(package.name) depends on \(dependency.name) (\(path)): "
                + "not one of the packages under Packages/ (\(LocalPackage.knownNames))"
        case .forbiddenDependency(let package, let dependency):
            return "\(package.name) depends on \(dependency.name): \(package.dependencyRule)"
        case .nonRelativeDependencyPath(let package, let dependency):
            let written =
                dependency.declaredPath.map { "the absolute path \($0)" } ?? "a path that is not a string literal"
            return "\(package.name) declares its dependency on \(dependency.name) by \(written): "
                + "local dependencies must be relative paths such as ../\(dependency.name)"
        case .externalDependency(let package, let identity):
            return "\(package.name) depends on external package \(identity): "
                + "\(package.name) must stay embeddable and may depend on Models only"
        case .forbiddenImport(let package, let module, _):
            if package.isEmbeddable {
                return "\(package.name) imports \(module): \(package.name) does no I/O and may import Models only"
            }
            return "\(package.name) imports \(module): \(package.dependencyRule)"
        }
    }

    /// The most telling line of `dump-package`'s error output: the first compiler diagnostic with a
    /// location (`Package.swift:11:1: error: ...`), else its first line.
    static func headline(of reason: String) -> String {
        let lines = reason.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        let line = lines.first { $0.contains(": error: ") && !$0.contains("(compiled with:") } ?? lines.first
        return line ?? "no error output"
    }

    /// The message, prefixed with `file:line: ` for imports.
    public var description: String {
        if let location { return "\(location): \(message)" }
        return message
    }
}
